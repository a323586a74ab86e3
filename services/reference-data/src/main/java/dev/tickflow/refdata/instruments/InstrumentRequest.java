package dev.tickflow.refdata.instruments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;

/** The body of PUT /instruments/{symbol}. */
public record InstrumentRequest(String name, String currency, BigDecimal tickSize, Long lotSize, String sector, Boolean tradable) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** @throws ProblemException (400) listing every broken rule */
    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Problem.FieldError("name", "required", "a name of 1 to 200 characters"));
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            errors.add(new Problem.FieldError("currency", "format", "an ISO 4217 code such as USD"));
        }
        if (tickSize == null || tickSize.signum() <= 0 || tickSize.scale() > FixedPoint.SCALE) {
            errors.add(new Problem.FieldError("tickSize", "range", "a positive price increment with at most "
                    + FixedPoint.SCALE + " decimals"));
        }
        if (lotSize == null || lotSize < 1) {
            errors.add(new Problem.FieldError("lotSize", "range", "a quantity increment of at least 1"));
        }
        if (sector != null && sector.length() > 100) {
            errors.add(new Problem.FieldError("sector", "size", "at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("the instrument is not valid", errors));
        }
    }
}
