package dev.tickflow.feed.poll;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts the poller may fetch from. A URL is checked when it is set and again for every request, after the symbol
 * is put in, so a symbol cannot move the request to another host either.
 */
final class PollAllowList {

    private final List<String> hosts;

    PollAllowList(List<String> hosts) {
        this.hosts = hosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT)).filter(host -> !host.isEmpty()).toList();
    }

    /** @throws IllegalArgumentException naming the host and the setting, when the URL's host is not allowed */
    void check(String url) {
        String host = hostOf(url);
        if (host == null || !allows(host)) {
            throw new IllegalArgumentException("the poller may not fetch from " + (host == null ? "'" + url + "'" : host)
                    + "; allowed hosts are " + (hosts.isEmpty() ? "none" : hosts) + " (tickflow.feed.poll.allowed-hosts)");
        }
    }

    private boolean allows(String host) {
        for (String allowed : hosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static String hostOf(String url) {
        try {
            // the template's placeholder is not a legal URI character; the host part does not contain it in an allowed URL
            String host = URI.create(url.replace("{symbol}", "symbol")).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
