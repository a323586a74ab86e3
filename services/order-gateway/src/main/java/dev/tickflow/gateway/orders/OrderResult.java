package dev.tickflow.gateway.orders;

/**
 * What an order command came to, as far as the caller is told.
 *
 * @param disposition how the gateway answered
 */
public record OrderResult(Disposition disposition, OrderView order) {

    /** The shape of the answer; the REST layer maps each to a status code. */
    public enum Disposition {
        /** A new order was sent and its first outcome is known (201). */
        CREATED,
        /** A new order was sent; its outcome was not awaited or did not come in time (202). */
        SENT,
        /** A retry of an order already entered: the first order, unchanged (200). */
        REPEATED,
        /** A cancel or replace was carried out by the book (200). */
        DONE
    }
}
