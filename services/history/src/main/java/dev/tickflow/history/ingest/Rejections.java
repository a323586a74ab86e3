package dev.tickflow.history.ingest;

import io.vertx.pgclient.PgException;

/**
 * Which database errors are the row's fault. A value PostgreSQL refuses (SQLSTATE class 22, data exception: too long,
 * out of range) or a constraint it breaks (class 23) fails the same way on every retry, so the row is parked. Anything
 * else (a lost connection, a full disk, a missing table or privilege) is the database's state: retried until it is
 * fixed, with the consumer's lag showing the wait.
 */
final class Rejections {

    private Rejections() {
    }

    static boolean isRowSpecific(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }

    static String describe(Throwable failure) {
        return failure instanceof PgException pg ? "SQLSTATE " + pg.getSqlState() + ": " + pg.getErrorMessage() : String.valueOf(failure);
    }
}
