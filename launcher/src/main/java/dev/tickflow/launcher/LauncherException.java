package dev.tickflow.launcher;

/** Something the person running the launcher can act on; printed without a stack trace. */
final class LauncherException extends RuntimeException {

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
