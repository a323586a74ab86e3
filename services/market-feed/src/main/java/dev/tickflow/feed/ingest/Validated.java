package dev.tickflow.feed.ingest;

import java.util.List;

import dev.tickflow.model.Tick;

/** The validator's verdict on one {@link RawTick}. */
public sealed interface Validated {

    RawTick raw();

    /** Every rule passed. */
    record Accepted(RawTick raw, Tick tick) implements Validated {
    }

    /** At least one rule failed; all failures are listed, the first is the primary reason. */
    record Refused(RawTick raw, List<Violation> violations) implements Validated {

        public Refused {
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a refusal needs a reason");
            }
            violations = List.copyOf(violations);
        }

        public String primaryReason() {
            return violations.getFirst().code();
        }

        public String detail() {
            StringBuilder detail = new StringBuilder();
            for (Violation violation : violations) {
                if (!detail.isEmpty()) {
                    detail.append("; ");
                }
                detail.append(violation.field()).append(": ").append(violation.message());
            }
            return detail.toString();
        }
    }
}
