package dev.tickflow.strategy.topology;

import java.util.ArrayList;
import java.util.List;

import dev.tickflow.strategy.state.BookMark;
import dev.tickflow.strategy.state.BookMarks;

/**
 * The book's side quantities as they stood at a bar's end. A bar arrives only once it is final, some seconds after its
 * end (the grace), when the book may already have moved: the live book would let the future into the bar's features.
 * So before an update of a new minute is applied, the book as it stands is marked at that minute's start; a bar's end
 * then reads the first mark at or after it, or the live book when no update has come since.
 */
final class BookAsOf {

    static final long MINUTE_MICROS = 60_000_000L;
    /** Bars close within seconds of their end: a few minutes of marks cover any grace. */
    static final int KEPT = 10;

    private BookAsOf() {
    }

    static BookMarks empty() {
        return new BookMarks(0L, new ArrayList<>());
    }

    /**
     * Called with an update's time before the update is applied to the book whose sides hold these quantities. True
     * when the marks changed (a new minute): within a minute there is nothing to write.
     */
    static boolean beforeUpdate(BookMarks marks, long updateMicros, long bidQuantity, long askQuantity) {
        long minute = Math.floorDiv(updateMicros, MINUTE_MICROS) * MINUTE_MICROS;
        if (minute <= marks.getLatestMinuteMicros()) {
            return false;
        }
        if (marks.getLatestMinuteMicros() > 0) {
            List<BookMark> kept = new ArrayList<>(marks.getMarks());
            kept.add(new BookMark(minute, bidQuantity, askQuantity));
            while (kept.size() > KEPT) {
                kept.remove(0);
            }
            marks.setMarks(kept);
        }
        marks.setLatestMinuteMicros(minute);
        return true;
    }

    /** {bid, ask} quantities at {@code endMicros}; zeros when the marks that would tell are gone (never the later book). */
    static long[] at(BookMarks marks, long endMicros, long liveBidQuantity, long liveAskQuantity) {
        // the latest update's minute before the bar's end: no update since the end, the live book is the book at it
        if (marks == null || marks.getLatestMinuteMicros() < endMicros) {
            return new long[] {liveBidQuantity, liveAskQuantity};
        }
        for (BookMark mark : marks.getMarks()) {
            if (mark.getAtMicros() >= endMicros) {
                return new long[] {mark.getBidQuantity(), mark.getAskQuantity()};
            }
        }
        return new long[] {0, 0};
    }
}
