package dev.tickflow.surveillance.patterns;

import java.util.List;

import dev.tickflow.model.Alert;
import dev.tickflow.model.AlertType;
import dev.tickflow.model.Evidence;
import dev.tickflow.model.Severity;

/** Building alerts: the id is the pattern, the key and the window's start, so a replay produces the same alert. */
public final class Alerts {

    private Alerts() {
    }

    public static Alert of(AlertType type, Severity severity, String account, String symbol, String sourceAddress, String description,
            List<Evidence> evidence, long windowStartMicros, long windowEndMicros, long detectedAtMicros) {
        String key = account != null ? account : symbol != null ? symbol : sourceAddress;
        String id = type.name() + ":" + key + (account != null && symbol != null ? ":" + symbol : "") + ":" + windowStartMicros;
        return new Alert(id, type, severity, account, symbol, sourceAddress, description, List.copyOf(evidence), windowStartMicros,
                windowEndMicros, detectedAtMicros);
    }

    /** The key an alert goes out with: the account, else the symbol, else the source address. */
    public static String key(Alert alert) {
        return alert.getAccount() != null ? alert.getAccount() : alert.getSymbol() != null ? alert.getSymbol() : alert.getSourceAddress();
    }
}
