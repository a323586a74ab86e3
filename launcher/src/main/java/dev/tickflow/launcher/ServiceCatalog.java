package dev.tickflow.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The services of the platform, read from where they are declared: the {@code <modules>} of services/pom.xml. Each
 * service's port is its {@code quarkus.http.port} from its application.properties, shifted by the configured offset.
 */
final class ServiceCatalog {

    private ServiceCatalog() {
    }

    static List<Service> load(StackSettings settings) {
        Path servicesDir = settings.root().resolve("services");
        List<Service> services = new ArrayList<>();
        for (String module : modules(servicesDir.resolve("pom.xml"))) {
            Path moduleDir = servicesDir.resolve(module);
            int port = Integer.parseInt(property(moduleDir.resolve("src/main/resources/application.properties"), "quarkus.http.port",
                    "8080"));
            services.add(new Service(moduleDir.getFileName().toString(), moduleDir, port + settings.servicePortOffset()));
        }
        return services;
    }

    static List<String> modules(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            NodeList nodes = document.getElementsByTagName("module");
            List<String> modules = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                modules.add(nodes.item(i).getTextContent().trim());
            }
            return modules;
        } catch (Exception e) {
            throw new LauncherException("cannot read the service list from " + pom + ": " + e.getMessage(), e);
        }
    }

    private static String property(Path file, String name, String fallback) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties.getProperty(name, fallback).trim();
    }
}
