package dev.tickflow.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's own application.properties says about its port, Kafka inputs, outputs and groups. */
record ServiceSettings(String name, Path directory, Properties properties) {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)");
    private static final Pattern CHANNEL_TOPIC = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");

    static Path servicesDirectory() {
        return Path.of(System.getProperty("tickflow.services.dir", "../services")).toAbsolutePath().normalize();
    }

    /** Every module of services/pom.xml. */
    static List<ServiceSettings> all() {
        Path services = servicesDirectory();
        List<ServiceSettings> all = new ArrayList<>();
        try {
            Matcher modules = MODULE.matcher(Files.readString(services.resolve("pom.xml")));
            while (modules.find()) {
                String name = modules.group(1).trim();
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(services.resolve(name).resolve("src/main/resources/application.properties"))) {
                    properties.load(reader);
                }
                all.add(new ServiceSettings(name, services.resolve(name), properties));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(all);
    }

    int httpPort() {
        return Integer.parseInt(required("quarkus.http.port"));
    }

    Optional<String> streamsApplicationId() {
        return Optional.ofNullable(properties.getProperty("quarkus.kafka-streams.application-id"));
    }

    boolean isStreamsService() {
        return streamsApplicationId().isPresent();
    }

    /** The consumer group of a sequenced service (risk, the matching engine), which declares it for deployment. */
    Optional<String> sequencerGroup() {
        return Optional.ofNullable(properties.getProperty("tickflow.sequencer.group-id"));
    }

    boolean isSequencedService() {
        return sequencerGroup().isPresent();
    }

    /** The topics the service reads: its Kafka Streams source topics, its sequenced inputs and its incoming channels. */
    Set<String> inputTopics() {
        Set<String> topics = new LinkedHashSet<>(channelTopics("incoming"));
        topics.addAll(list("quarkus.kafka-streams.topics"));
        topics.addAll(list("tickflow.sequencer.inputs"));
        return topics;
    }

    /** The topics the service writes: its outgoing channels, and a sequenced service's outputs and snapshot topic. */
    Set<String> outgoingTopics() {
        Set<String> topics = new LinkedHashSet<>(channelTopics("outgoing"));
        topics.addAll(list("tickflow.sequencer.outputs"));
        topics.addAll(list("tickflow.sequencer.snapshot-topic"));
        return topics;
    }

    private List<String> list(String key) {
        String value = properties.getProperty(key);
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** Configured consumer group ids, cut before any ${...} part (a per-instance suffix). */
    Set<String> groupIds() {
        Set<String> groups = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                String group = properties.getProperty(key);
                int placeholder = group.indexOf("${");
                groups.add(placeholder < 0 ? group : group.substring(0, placeholder));
            }
        }
        streamsApplicationId().ifPresent(groups::add);
        sequencerGroup().ifPresent(groups::add);
        return groups;
    }

    /** The property a value defers to: {@code ${tickflow.risk.replication-factor:1}} gives tickflow.risk.replication-factor. */
    Optional<String> placeholderOf(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            return Optional.empty();
        }
        Matcher placeholder = PLACEHOLDER.matcher(value);
        return placeholder.find() ? Optional.of(placeholder.group(1)) : Optional.empty();
    }

    /** The environment variable Quarkus maps to a property name. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    String required(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(name + ": no " + key + " in application.properties");
        }
        return value;
    }

    private Set<String> channelTopics(String direction) {
        Set<String> topics = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher matcher = CHANNEL_TOPIC.matcher(key);
            if (matcher.matches() && matcher.group(1).equals(direction)) {
                topics.add(properties.getProperty(key).trim());
            }
        }
        return topics;
    }
}
