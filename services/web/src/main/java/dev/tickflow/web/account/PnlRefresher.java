package dev.tickflow.web.account;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.tickflow.web.WebConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Positions and P&L of the connected accounts, read from risk with each account's own token: after a fill of the
 * account at once, and on a timer because unrealized P&L moves with every trade of a held symbol. At most one read per
 * account is in flight; its answer conflates (a slow client sees the newest only).
 */
@ApplicationScoped
public class PnlRefresher {

    private final AccountHub hub;
    private final TradingDesk desk;
    private final Messages messages;
    private final Vertx vertx;
    private final WebConfig config;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    PnlRefresher(AccountHub hub, TradingDesk desk, Messages messages, Vertx vertx, WebConfig config) {
        this.hub = hub;
        this.desk = desk;
        this.messages = messages;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.pnlRefresh().toMillis(), unused -> hub.connectedAccounts().forEach(this::refresh));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void refreshSoon(String account) {
        hub.tokenOf(account).ifPresent(token -> refresh(account, token));
    }

    void refresh(String account, String token) {
        if (!inFlight.add(account)) {
            return;
        }
        desk.pnl(account, token).subscribe().with(answer -> {
            inFlight.remove(account);
            if (answer.ok()) {
                hub.toAccount(account, "pnl", messages.answer("pnl", null, answer));
            }
        }, failure -> inFlight.remove(account));
    }
}
