package dev.tickflow.refdata.instruments;

/** Text searched for with SQL LIKE (escape character backslash): what the user typed matches literally. */
public final class LikePattern {

    private LikePattern() {
    }

    public static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
