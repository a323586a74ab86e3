package dev.tickflow.launcher;

import java.io.PrintStream;

/** Where the launcher talks to the person running it. */
final class Console {

    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private Console() {
    }

    static void line(String text) {
        OUT.println(text);
        OUT.flush();
    }

    static void line(String format, Object... args) {
        line(String.format(format, args));
    }

    /** Progress without a line break, finished later by {@link #line}. */
    static void partial(String text) {
        OUT.print(text);
        OUT.flush();
    }

    static void error(String text) {
        ERR.println(text);
        ERR.flush();
    }
}
