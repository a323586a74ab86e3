package dev.tickflow.support.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the accounts on ref.accounts are loaded: before that, every token of a real account would be refused. */
@Readiness
@ApplicationScoped
public class AccountFeedHealth implements HealthCheck {

    private final AccountFeed feed;

    AccountFeedHealth(AccountFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accounts").status(feed.caughtUp()).build();
    }
}
