package dev.tickflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate for TLS tests, made with the JDK's own keytool: a PKCS12 key store for the server
 * (CN=localhost, also valid for 127.0.0.1) and a trust store holding only that certificate, for the client.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only-password";

    /** Where the two stores are. */
    public record Stores(Path keyStore, Path trustStore) {
    }

    private TestCertificates() {
    }

    /** Makes them in the directory (once: stores already there are reused). */
    public static synchronized Stores selfSigned(Path directory) {
        Path keyStore = directory.resolve("server.p12");
        Path trustStore = directory.resolve("trust.p12");
        if (Files.exists(keyStore) && Files.exists(trustStore)) {
            return new Stores(keyStore, trustStore);
        }
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(keyStore);
            Files.deleteIfExists(trustStore);
            Path certificate = directory.resolve("server.crt");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-rfc", "-file",
                    certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype", "PKCS12",
                    "-keystore", trustStore.toString(), "-storepass", PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Stores(keyStore, trustStore);
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
