package dev.tickflow.gateway.orders;

import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderRejected;

/** The first answer the platform gave to one command: a report from the book, or a refusal. */
public sealed interface Outcome {

    /** The book acted on the command (acknowledged, traded, cancelled, replaced). */
    record Reported(ExecutionReport report) implements Outcome {
    }

    /** Risk or the book refused the command. */
    record Refused(OrderRejected rejected) implements Outcome {
    }
}
