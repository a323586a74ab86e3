package dev.tickflow.refdata.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tickflow.support.problem.Problem;
import dev.tickflow.support.problem.ProblemException;

/**
 * The body of PUT /accounts/{id}. {@code token} is the account's new API token: only its hash is kept, and it may be
 * left out when an existing account keeps its token.
 */
public record AccountRequest(String displayName, String token, String status, String ownerGroup, Boolean admin) {

    private static final Set<String> STATUSES = Set.of("ACTIVE", "SUSPENDED", "CLOSED");
    private static final int MIN_TOKEN_LENGTH = 16;

    void validate(boolean exists) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            errors.add(new Problem.FieldError("displayName", "required", "a name of 1 to 200 characters"));
        }
        if (token == null ? !exists : token.length() < MIN_TOKEN_LENGTH) {
            errors.add(new Problem.FieldError("token", "size", "a new account needs an API token of at least " + MIN_TOKEN_LENGTH
                    + " characters"));
        }
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new Problem.FieldError("status", "value", "ACTIVE, SUSPENDED or CLOSED"));
        }
        if (ownerGroup != null && (ownerGroup.isBlank() || ownerGroup.length() > 64)) {
            errors.add(new Problem.FieldError("ownerGroup", "size", "1 to 64 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("the account is not valid", errors));
        }
    }
}
