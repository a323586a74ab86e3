package dev.tickflow.support.streams;

/** The store (or the key's owner) cannot answer now: rebalancing, restoring, or the owner is unreachable. Maps to 503. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
