package dev.tickflow.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The Kubernetes objects deploy/kustomization.yaml puts together, read the way kubectl would read them. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One object from one file. */
    record Resource(Path file, JsonNode node) {

        String apiVersion() {
            return node.path("apiVersion").asText();
        }

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        boolean isKnativeService() {
            return "Service".equals(kind()) && apiVersion().startsWith("serving.knative.dev/");
        }

        boolean isWorkload() {
            return isKnativeService() || "Deployment".equals(kind()) || "StatefulSet".equals(kind());
        }

        JsonNode podSpec() {
            return node.path("spec").path("template").path("spec");
        }

        JsonNode container() {
            return podSpec().path("containers").path(0);
        }

        /** The literal value of an environment variable, or of a ConfigMap the container takes its environment from. */
        Optional<String> env(String name, Manifests all) {
            for (JsonNode variable : container().path("env")) {
                if (name.equals(variable.path("name").asText()) && variable.has("value")) {
                    return Optional.of(variable.path("value").asText());
                }
            }
            for (JsonNode source : container().path("envFrom")) {
                String configMap = source.path("configMapRef").path("name").asText(null);
                if (configMap != null) {
                    JsonNode value = all.find("ConfigMap", configMap).map(map -> map.node().path("data").path(name))
                            .orElse(null);
                    if (value != null && !value.isMissingNode()) {
                        return Optional.of(value.asText());
                    }
                }
            }
            return Optional.empty();
        }

        /** The Secret and key an environment variable is read from. */
        Optional<String[]> envSecret(String name) {
            for (JsonNode variable : container().path("env")) {
                JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                if (name.equals(variable.path("name").asText()) && !ref.isMissingNode()) {
                    return Optional.of(new String[] {ref.path("name").asText(), ref.path("key").asText()});
                }
            }
            return Optional.empty();
        }
    }

    private final Path directory;
    private final List<Path> files;
    private final List<Resource> resources;

    private Manifests(Path directory, List<Path> files, List<Resource> resources) {
        this.directory = directory;
        this.files = files;
        this.resources = resources;
    }

    static Manifests load(Path directory) {
        JsonNode kustomization = read(directory.resolve("kustomization.yaml")).getFirst();
        List<Path> files = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path file = directory.resolve(entry.asText());
            files.add(file);
            for (JsonNode node : read(file)) {
                resources.add(new Resource(file, node));
            }
        }
        return new Manifests(directory, List.copyOf(files), List.copyOf(resources));
    }

    static Path directory() {
        return Path.of(System.getProperty("tickflow.deploy.dir", ".")).toAbsolutePath().normalize();
    }

    Path root() {
        return directory;
    }

    List<Path> files() {
        return files;
    }

    Stream<Resource> all() {
        return resources.stream();
    }

    Stream<Resource> ofKind(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.kind()));
    }

    Optional<Resource> find(String kind, String name) {
        return ofKind(kind).filter(resource -> name.equals(resource.name())).findFirst();
    }

    /** The Deployment, StatefulSet or Knative Service that runs a service. */
    Optional<Resource> workload(String service) {
        return resources.stream().filter(Resource::isWorkload).filter(resource -> service.equals(resource.name())).findFirst();
    }

    /** A plain Kubernetes Service (not a Knative one). */
    Optional<Resource> kubernetesService(String name) {
        return ofKind("Service").filter(resource -> !resource.isKnativeService()).filter(resource -> name.equals(resource.name()))
                .findFirst();
    }

    static List<JsonNode> read(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(Files.newBufferedReader(file))) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return documents;
    }
}
