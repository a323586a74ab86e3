package dev.tickflow.risk.topology;

import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.RiskControl;

/** Everything that reaches an account's risk task, from four co-partitioned topics, in one stream. */
sealed interface RiskInput {

    /** A command from orders.submitted. */
    record Command(OrderCommand command) implements RiskInput {
    }

    /** An execution report from executions. */
    record Execution(ExecutionReport report) implements RiskInput {
    }

    /** A refusal from orders.rejected (ours come back too and are ignored). */
    record Rejection(OrderRejected rejected) implements RiskInput {
    }

    /** A kill-switch change from risk.controls. */
    record Control(RiskControl control) implements RiskInput {
    }
}
