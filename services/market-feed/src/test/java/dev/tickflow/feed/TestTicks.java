package dev.tickflow.feed;

import java.time.Instant;
import java.util.UUID;

/** Tick JSON for tests; each test marks its ticks with its own venue so that it reads back only what it wrote. */
public final class TestTicks {

    private TestTicks() {
    }

    public static String json(String symbol, String price, long quantity, String venue) {
        return "{\"symbol\":\"" + symbol + "\",\"price\":\"" + price + "\",\"quantity\":" + quantity
                + ",\"timestamp\":\"" + Instant.now() + "\",\"side\":\"BUY\",\"venue\":\"" + venue + "\"}";
    }

    public static String uniqueVenue() {
        return "V" + UUID.randomUUID().toString().substring(0, 8);
    }
}
