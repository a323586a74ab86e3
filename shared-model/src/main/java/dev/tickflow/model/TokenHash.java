package dev.tickflow.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an API token is stored ({@code Account.tokenHash}): SHA-256, lowercase hex. Tokens are long random secrets, not
 * passwords, so a fast hash is the right one; the token itself is never stored or logged.
 */
public final class TokenHash {

    private TokenHash() {
    }

    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
