package dev.tickflow.risk.engine;

import java.util.List;

import dev.tickflow.model.topic.TopicNames;

/**
 * Risk's inputs, all keyed by account with equal partition counts, so that one partition group holds everything about
 * an account. The order is part of every output's tag: append, never reorder.
 */
public final class RiskInputs {

    public static final int SUBMITTED = 0;
    public static final int EXECUTIONS = 1;
    public static final int REJECTED = 2;
    public static final int CONTROLS = 3;

    public static final List<String> TOPICS = List.of(TopicNames.ORDERS_SUBMITTED, TopicNames.EXECUTIONS, TopicNames.ORDERS_REJECTED,
            TopicNames.RISK_CONTROLS);

    /** Every topic risk writes, dead-letter topics included. */
    public static final List<String> OUTPUTS = List.of(TopicNames.ORDERS_ACCEPTED, TopicNames.ORDERS_REJECTED,
            TopicNames.ORDERS_SUBMITTED + TopicNames.DEAD_LETTER_SUFFIX, TopicNames.EXECUTIONS + TopicNames.DEAD_LETTER_SUFFIX,
            TopicNames.ORDERS_REJECTED + TopicNames.DEAD_LETTER_SUFFIX, TopicNames.RISK_CONTROLS + TopicNames.DEAD_LETTER_SUFFIX);

    private RiskInputs() {
    }
}
