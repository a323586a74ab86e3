package dev.tickflow.web.account;

import java.util.Set;
import java.util.stream.Collectors;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;

/**
 * Who may see an alert, and how much of it. An alert about an account goes to that account and to administrators; a
 * market-wide alert goes to administrators unless its type was made public on purpose. Only administrators see where
 * a login came from: a trader's copy carries no source address and no login evidence detail.
 */
final class AlertAudience {

    static final String LOGIN_EVIDENCE = "auth-failure";
    static final String REDACTED_LOGIN = "failed login";

    private final Set<AlertType> publicTypes;

    AlertAudience(Set<AlertType> publicTypes) {
        this.publicTypes = Set.copyOf(publicTypes);
    }

    /** From configured names; an unknown one stops the start rather than leave an alert type silently private. */
    static AlertAudience ofTypeNames(Set<String> names) {
        return new AlertAudience(names.stream().map(String::trim).map(AlertType::valueOf).collect(Collectors.toSet()));
    }

    /** Every signed-in user sees it: a market alert of a public type. Login alerts are never public, they name addresses. */
    boolean isPublic(Alert alert) {
        return alert.getAccount() == null && alert.getType() != AlertType.FAILED_LOGINS && publicTypes.contains(alert.getType());
    }

    /** The copy a non-administrator may see. */
    static Alert forTrader(Alert alert) {
        if (alert.getSourceAddress() == null && alert.getEvidence().stream().noneMatch(AlertAudience::namesAnAddress)) {
            return alert;
        }
        // field by field, not Alert.newBuilder(alert): the builder's deep copy looks enum classes up through Avro's
        // default model, whose class loader need not be this one's
        return new Alert(alert.getAlertId(), alert.getType(), alert.getSeverity(), alert.getAccount(), alert.getSymbol(), null,
                alert.getDescription(), alert.getEvidence().stream().map(AlertAudience::withoutAddress).toList(),
                alert.getWindowStartMicros(), alert.getWindowEndMicros(), alert.getDetectedAtMicros());
    }

    private static boolean namesAnAddress(Evidence evidence) {
        return LOGIN_EVIDENCE.equals(evidence.getKind());
    }

    private static Evidence withoutAddress(Evidence evidence) {
        return namesAnAddress(evidence)
                ? new Evidence(evidence.getKind(), evidence.getReference(), evidence.getTimeMicros(), REDACTED_LOGIN) : evidence;
    }
}
