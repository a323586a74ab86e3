package dev.tickflow.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickflow.launcher.SingleNodeBrokerConfig;
import dev.tickflow.testsupport.ServiceProcess;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A broker as the Kubernetes deployment runs it, in its own process: clients must authenticate with SCRAM-SHA-512, and
 * the standard authorizer allows each user only what an ACL grants. The users and their ACLs are read from
 * deploy/kafka/users.yaml, so a service that lacks a permission there fails here. TLS is left out (it needs
 * certificates and changes nothing about what a client is allowed to do); the deployment adds it with configuration
 * alone.
 */
final class SecuredBroker implements AutoCloseable {

    static final String ADMIN = "admin";
    private static final String MECHANISM = SingleNodeBrokerConfig.SCRAM;

    private final Path directory;
    private final int port;
    private final Process process;

    private SecuredBroker(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    static SecuredBroker start(Path directory) throws IOException, InterruptedException {
        int port = ServiceProcess.freePort();
        int controllerPort = ServiceProcess.freePort();
        Properties server = SingleNodeBrokerConfig.scram(directory.resolve("data"), port, controllerPort, ADMIN, password(ADMIN));
        Path config = directory.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            server.store(out, "a secured broker for SecuredKafkaIT");
        }
        // the administrator's credentials exist from the first start, before anyone can create them over the wire
        run(directory.resolve("format.log"), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString(), "--add-scram", MECHANISM + "=[name=" + ADMIN + ",password=" + password(ADMIN) + "]");
        Process broker = java(directory.resolve("broker.log"), "kafka.Kafka", config.toString());
        SecuredBroker secured = new SecuredBroker(directory, port, broker);
        secured.awaitReady();
        return secured;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Client settings for a user: what Strimzi's Secret for a KafkaUser holds, over SASL_PLAINTEXT here. */
    Properties client(String user) {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user));
        return properties;
    }

    static String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password(user) + "\";";
    }

    static String password(String user) {
        return user + "-secret";
    }

    /** Creates each KafkaUser of the manifest with SCRAM credentials and exactly its ACLs. */
    void createUsers(List<JsonNode> kafkaUsers) throws ExecutionException, InterruptedException {
        List<UserScramCredentialUpsertion> credentials = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (JsonNode user : kafkaUsers) {
            String name = user.path("metadata").path("name").asText();
            credentials.add(new UserScramCredentialUpsertion(name, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                    password(name)));
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                acls.addAll(bindings("User:" + name, acl));
            }
        }
        try (Admin admin = Admin.create(client(ADMIN))) {
            admin.alterUserScramCredentials(List.copyOf(credentials)).all().get();
            admin.createAcls(acls).all().get();
        }
    }

    /** One Strimzi ACL rule as Kafka ACL bindings, one per operation. */
    static List<AclBinding> bindings(String principal, JsonNode acl) {
        JsonNode resource = acl.path("resource");
        ResourceType type = switch (resource.path("type").asText()) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalArgumentException("resource type " + resource.path("type").asText());
        };
        String name = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
        PatternType pattern = "prefix".equals(resource.path("patternType").asText()) ? PatternType.PREFIXED : PatternType.LITERAL;
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode operation : acl.path("operations")) {
            AclOperation kafkaOperation = AclOperation.fromString(operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2"));
            if (kafkaOperation == AclOperation.UNKNOWN) {
                throw new IllegalArgumentException("operation " + operation.asText());
            }
            bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry(principal, "*", kafkaOperation, AclPermissionType.ALLOW)));
        }
        return bindings;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the secured broker exited; see " + directory.resolve("broker.log"));
            }
            try (Admin admin = Admin.create(client(ADMIN))) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Thread.sleep(Duration.ofMillis(250));
            }
        }
        throw new IllegalStateException("the secured broker was not ready in 60 s; see " + directory.resolve("broker.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void run(Path log, String... mainAndArguments) throws IOException, InterruptedException {
        Process tool = java(log, mainAndArguments);
        if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", mainAndArguments) + " failed: " + Files.readString(log));
        }
    }

    private static Process java(Path log, String... mainAndArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
