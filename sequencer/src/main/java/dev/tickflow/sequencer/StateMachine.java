package dev.tickflow.sequencer;

/**
 * One partition group's state and the logic that moves it: the whole of a sequenced service's business.
 *
 * <p>It must be deterministic: the same state and the same input give the same outputs (topics, keys, values, in the same
 * order) and the same next state, whatever the wall clock says and whichever instance runs it. Time comes from the
 * inputs; ids derive from input positions or from counters kept in the state. The runtime calls it from one thread.
 */
public interface StateMachine {

    /**
     * Applies one input. An exception dead-letters the input with its message as the reason, drops what this call
     * emitted and moves on; the state should therefore be changed only once the input has been read whole.
     */
    void apply(Input input, Outputs outputs);

    /**
     * An input that {@link #apply} failed on is about to be dead-lettered: a chance to tell its owner (a refusal to the
     * account that sent a command, say), deterministically like anything else the machine writes. Whatever the machine
     * wrote from {@code apply} for this input has been dropped. By default, nothing.
     */
    default void failed(Input input, RuntimeException cause, Outputs outputs) {
    }

    /** The whole state, encoded; {@link StateMachineFactory#create} gets it back after a restart. */
    byte[] snapshot();
}
