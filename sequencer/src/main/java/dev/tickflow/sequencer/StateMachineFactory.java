package dev.tickflow.sequencer;

/** Makes the state machine of one partition group, empty or from its last snapshot. */
@FunctionalInterface
public interface StateMachineFactory {

    /**
     * @param partition the input partition the group processes
     * @param snapshot what {@link StateMachine#snapshot()} returned, or null for a group with no snapshot yet
     */
    StateMachine create(int partition, byte[] snapshot);
}
