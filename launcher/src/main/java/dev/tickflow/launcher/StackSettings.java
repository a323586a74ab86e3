package dev.tickflow.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.tickflow.model.topic.Topics;

/**
 * Where the stack keeps its state and which ports it uses. Each setting comes from a flag ({@code --kafka-port=9092}),
 * else an environment variable ({@code TICKFLOW_KAFKA_PORT}), else what the last {@code up} used (saved in the state
 * directory, so that {@code down}, {@code status} and {@code tail} find the running stack), else the default.
 */
record StackSettings(Path root, Path stateDir, int kafkaPort, int controllerPort, int postgresPort, int servicePortOffset,
        int partitions) {

    static final String SAVED = "stack.properties";


    /** The gateway's FIX acceptor: 9878, moved with the services' HTTP ports. */
    int fixPort() {
        return 9878 + servicePortOffset;
    }

    Path kafkaDir() {
        return stateDir.resolve("kafka");
    }

    Path postgresDir() {
        return stateDir.resolve("postgres");
    }

    Path logDir() {
        return stateDir.resolve("logs");
    }

    Path pidDir() {
        return stateDir.resolve("pids");
    }

    Path runDir(String component) {
        return stateDir.resolve("run").resolve(component);
    }

    String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    String postgresJdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    /** Parses {@code --name=value} flags; what is left are the command's own arguments. */
    static StackSettings resolve(Path root, List<String> args, Map<String, String> env, List<String> remaining) {
        Properties flags = new Properties();
        List<String> known = flagNames();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2 && known.contains(arg.substring(2, equals))) {
                flags.setProperty(arg.substring(2, equals), arg.substring(equals + 1));
            } else {
                remaining.add(arg);
            }
        }
        String stateText = pick(flags, env, new Properties(), "state-dir", root.resolve(".tickflow").toString());
        Path stateDir = root.resolve(stateText).toAbsolutePath().normalize();
        Properties saved = load(stateDir.resolve(SAVED));
        int kafkaPort = Integer.parseInt(pick(flags, env, saved, "kafka-port", "9092"));
        int controllerPort = Integer.parseInt(pick(flags, env, saved, "kafka-controller-port", Integer.toString(kafkaPort + 1)));
        int postgresPort = Integer.parseInt(pick(flags, env, saved, "postgres-port", "15432"));
        int offset = Integer.parseInt(pick(flags, env, saved, "service-port-offset", "0"));
        int partitions = partitions(flags, env, saved, stateDir);
        return new StackSettings(root, stateDir, kafkaPort, controllerPort, postgresPort, offset, partitions);
    }

    void save() {
        Properties properties = new Properties();
        properties.setProperty("kafka-port", Integer.toString(kafkaPort));
        properties.setProperty("kafka-controller-port", Integer.toString(controllerPort));
        properties.setProperty("postgres-port", Integer.toString(postgresPort));
        properties.setProperty("service-port-offset", Integer.toString(servicePortOffset));
        properties.setProperty("partitions", Integer.toString(partitions));
        try {
            Files.createDirectories(stateDir);
            try (Writer out = Files.newBufferedWriter(stateDir.resolve(SAVED))) {
                properties.store(out, "ports of the running Tickflow stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Topics made with one limit must not be joined by topics made with another (co-partitioning), so a state
     * directory keeps the limit its topics were made with: one from before the limit existed has the catalogue's
     * counts, and asking for another limit on it is refused.
     */
    private static int partitions(Properties flags, Map<String, String> env, Properties saved, Path stateDir) {
        boolean topicsExist = Files.isDirectory(stateDir.resolve("kafka").resolve("data"));
        String made = saved.getProperty("partitions", topicsExist ? Integer.toString(Topics.mostPartitions()) : null);
        int partitions = Integer.parseInt(pick(flags, env, new Properties(), "partitions",
                made != null ? made : Integer.toString(SingleNodeBrokerConfig.PARTITION_LIMIT)));
        if (partitions < 1) {
            throw new LauncherException("--partitions must be at least 1, not " + partitions);
        }
        if (made != null && topicsExist && partitions != Integer.parseInt(made)) {
            throw new LauncherException("the topics in " + stateDir + " have at most " + made + " partitions each; --partitions="
                    + partitions + " needs a fresh --state-dir");
        }
        return partitions;
    }

    private static String pick(Properties flags, Map<String, String> env, Properties saved, String name, String fallback) {
        String envName = "TICKFLOW_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (flags.containsKey(name)) {
            return flags.getProperty(name);
        }
        if (env.containsKey(envName)) {
            return env.get(envName);
        }
        return saved.getProperty(name, fallback);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    static List<String> flagNames() {
        return List.of("state-dir", "kafka-port", "kafka-controller-port", "postgres-port", "service-port-offset", "partitions");
    }
}
