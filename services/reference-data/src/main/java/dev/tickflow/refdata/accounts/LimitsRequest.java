package dev.tickflow.refdata.accounts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;

/** The body of PUT /accounts/{id}/limits; every limit positive, the notional a decimal amount. */
public record LimitsRequest(Long maxOrderQuantity, BigDecimal maxOrderNotional, Long maxPositionQuantity, Integer maxOpenOrders,
        Integer maxOrdersPerSecond, Integer priceCollarBps) {

    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        positive(errors, "maxOrderQuantity", maxOrderQuantity);
        if (maxOrderNotional == null || maxOrderNotional.signum() <= 0 || maxOrderNotional.scale() > FixedPoint.SCALE) {
            errors.add(new Problem.FieldError("maxOrderNotional", "range", "a positive amount with at most " + FixedPoint.SCALE
                    + " decimals"));
        }
        positive(errors, "maxPositionQuantity", maxPositionQuantity);
        positive(errors, "maxOpenOrders", maxOpenOrders == null ? null : maxOpenOrders.longValue());
        positive(errors, "maxOrdersPerSecond", maxOrdersPerSecond == null ? null : maxOrdersPerSecond.longValue());
        positive(errors, "priceCollarBps", priceCollarBps == null ? null : priceCollarBps.longValue());
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("the limits are not valid", errors));
        }
    }

    private static void positive(List<Problem.FieldError> errors, String field, Long value) {
        if (value == null || value <= 0) {
            errors.add(new Problem.FieldError(field, "range", "a positive number"));
        }
    }
}
