package dev.tickflow.launcher;

import java.nio.file.Path;
import java.util.Properties;

/**
 * server.properties for one KRaft node that is both broker and controller: the local stack's broker, and the secured
 * broker the system tests run. Internal topics get one replica because there is only one node.
 */
public final class SingleNodeBrokerConfig {

    /** The SASL mechanism of the secured variant, as Strimzi's scram-sha-512 listener uses. */
    public static final String SCRAM = "SCRAM-SHA-512";

    /**
     * The most partitions the local stack gives a topic: one node runs one instance of each service, so the
     * catalogue's six per busy topic would only multiply tasks, fetch positions and transaction markers. Raise it
     * ({@code --partitions=6}) on a fresh state directory to try several instances of a service.
     */
    public static final int PARTITION_LIMIT = 1;

    private SingleNodeBrokerConfig() {
    }

    /** Clients connect in plain text without credentials: the local stack. */
    public static Properties plaintext(Path dataDir, int port, int controllerPort) {
        Properties server = common(dataDir, controllerPort);
        server.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        server.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        server.setProperty("inter.broker.listener.name", "PLAINTEXT");
        server.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        return server;
    }

    /**
     * Clients authenticate with SCRAM-SHA-512 and may do only what an ACL grants them; {@code admin} is the super user
     * the broker itself connects as. Its credentials must exist before the first start (StorageTool format --add-scram).
     */
    public static Properties scram(Path dataDir, int port, int controllerPort, String admin, String adminPassword) {
        Properties server = common(dataDir, controllerPort);
        server.setProperty("listeners", "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        server.setProperty("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
        server.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        server.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
        server.setProperty("sasl.enabled.mechanisms", SCRAM);
        server.setProperty("sasl.mechanism.inter.broker.protocol", SCRAM);
        server.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + admin + "\" password=\""
                        + adminPassword + "\";");
        server.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // the controller listener is plain text inside the one process, so its principal is ANONYMOUS
        server.setProperty("super.users", "User:" + admin + ";User:ANONYMOUS");
        server.setProperty("allow.everyone.if.no.acl.found", "false");
        return server;
    }

    private static Properties common(Path dataDir, int controllerPort) {
        Properties server = new Properties();
        server.setProperty("process.roles", "broker,controller");
        server.setProperty("node.id", "1");
        server.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        server.setProperty("controller.listener.names", "CONTROLLER");
        server.setProperty("log.dirs", dataDir.toString());
        // one node: internal topics cannot have more replicas than that
        server.setProperty("offsets.topic.replication.factor", "1");
        server.setProperty("transaction.state.log.replication.factor", "1");
        server.setProperty("transaction.state.log.min.isr", "1");
        server.setProperty("share.coordinator.state.topic.replication.factor", "1");
        server.setProperty("share.coordinator.state.topic.min.isr", "1");
        server.setProperty("group.initial.rebalance.delay.ms", "0");
        // a dozen groups and three transactional producers on one node: Kafka's fifty partitions each for offsets and
        // transaction state would be a hundred logs to create, load and clean for nothing
        server.setProperty("offsets.topic.num.partitions", "4");
        server.setProperty("transaction.state.log.num.partitions", "4");
        // the log cleaner's key map is allocated on the heap whole at start, 128 MB by default, most of a small
        // broker's heap; 8 MB maps some 300,000 keys per cleaning pass, more than a day of this stack's compacted
        // topics hold (the largest, market-stats' window changelogs, one key per symbol and window)
        server.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        // topics come from the catalogue, never from a typo in a consumer
        server.setProperty("auto.create.topics.enable", "false");
        server.setProperty("num.partitions", "1");
        return server;
    }
}
