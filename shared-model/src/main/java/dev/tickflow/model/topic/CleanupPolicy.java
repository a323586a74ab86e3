package dev.tickflow.model.topic;

/** Kafka's cleanup.policy: delete by age, or compact to the latest value per key (tables). */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }
}
