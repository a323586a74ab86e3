package dev.tickflow.feed;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests as the test profile's accounts make them: a feed publisher, a trader without the feed role. */
public final class FeedCaller {

    /** The test profile's {@code feeder} account (role feed). */
    public static final String FEED_TOKEN = "feed-demo-token";
    /** The test profile's {@code alice}, a trader: signed in, but no publisher. */
    public static final String TRADER_TOKEN = "alice-demo-token";
    public static final String ADMIN_TOKEN = "ops-demo-token";

    private FeedCaller() {
    }

    /** A request as the feed publisher. */
    public static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(FEED_TOKEN);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
