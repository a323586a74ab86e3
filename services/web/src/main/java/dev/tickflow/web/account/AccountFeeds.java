package dev.tickflow.web.account;

import java.util.Set;

import dev.tickflow.model.Alert;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.serde.RecordJson;
import dev.tickflow.model.topic.Channels;
import dev.tickflow.web.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * One consumer each for executions, refusals and alerts, routed to the connections of the account they concern. A
 * connection never receives another account's record: routing is by the record's account field, not by the key. Alerts
 * also reach administrators, and traders see them without login addresses ({@link AlertAudience}).
 */
@ApplicationScoped
public class AccountFeeds {

    private final AccountHub hub;
    private final Messages messages;
    private final PnlRefresher pnl;
    private final AlertAudience audience;

    AccountFeeds(AccountHub hub, Messages messages, PnlRefresher pnl, WebConfig config) {
        this.hub = hub;
        this.messages = messages;
        this.pnl = pnl;
        this.audience = AlertAudience.ofTypeNames(config.publicAlertTypes().orElse(Set.of()));
    }

    @Incoming(Channels.EXECUTIONS)
    void execution(ExecutionReport report) {
        if (report != null && report.getAccount() != null) {
            hub.toAccount(report.getAccount(), "execution|" + report.getExecutionId(),
                    messages.rawData("execution", RecordJson.toJson(report)));
            if (report.getLastQuantity() > 0) {
                pnl.refreshSoon(report.getAccount());
            }
        }
    }

    @Incoming(Channels.ORDERS_REJECTED)
    void rejected(OrderRejected rejected) {
        if (rejected != null && rejected.getAccount() != null) {
            hub.toAccount(rejected.getAccount(), "rejected|" + rejected.getCommandId(),
                    messages.rawData("rejected", RecordJson.toJson(rejected)));
        }
    }

    @Incoming(Channels.ALERTS)
    void alert(Alert alert) {
        if (alert == null) {
            return;
        }
        String full = messages.rawData("alert", RecordJson.toJson(alert));
        Alert traders = AlertAudience.forTrader(alert);
        String redacted = traders == alert ? full : messages.rawData("alert", RecordJson.toJson(traders));
        hub.toAudience("alert|" + alert.getAlertId(), full, alert.getAccount(), audience.isPublic(alert), redacted);
    }
}
