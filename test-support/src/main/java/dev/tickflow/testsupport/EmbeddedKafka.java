package dev.tickflow.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.tickflow.model.topic.TopicProvisioner;
import dev.tickflow.model.topic.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker (combined broker and controller) inside the test JVM, started once per JVM and
 * therefore once per module's test run, with every catalogue topic created. Stopped when the JVM exits.
 *
 * <p>Tests share it, so each test uses its own keys (symbols, accounts) or reads only what it wrote.
 */
public final class EmbeddedKafka {

    /** Held so that the levels set on them stay set: JUL keeps loggers weakly. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("state.change.logger"));

    private static EmbeddedKafka instance;

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** The JVM's broker, started on first use. */
    public static synchronized EmbeddedKafka get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "embedded-kafka-stop"));
        }
        return instance;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties pointing at this broker. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    private static EmbeddedKafka start() {
        // The broker logs every partition and coordinator step at INFO; tests want its warnings only.
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        try {
            Path baseDirectory = Files.createTempDirectory("tickflow-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            for (Map.Entry<String, Object> entry : BrokerSettings.singleNode().entrySet()) {
                builder.setConfigProp(entry.getKey(), entry.getValue());
            }
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            EmbeddedKafka kafka = new EmbeddedKafka(cluster);
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                TopicProvisioner.ensure(admin, Topics.all(), 1);
            }
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not start", e);
        }
    }

    private void stop() {
        try {
            cluster.close();
        } catch (Exception e) {
            // the JVM is exiting; a broker that does not close cleanly loses nothing we keep
        }
    }
}
