package dev.tickflow.testsupport;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.topic.Topics;

/**
 * Instruments as reference-data publishes them, for tests that trade symbols of their own: risk refuses a symbol that
 * reference data does not list.
 */
public final class TestInstruments {

    private TestInstruments() {
    }

    /** Tradable, a tick of 0.01, lots of one. */
    public static void publish(TopicClient topics, String... symbols) {
        for (String symbol : symbols) {
            topics.send(Topics.REF_INSTRUMENTS, symbol, Instrument.newBuilder().setSymbol(symbol).setName(symbol + " (test)")
                    .setCurrency("USD").setTickSize(FixedPoint.parse("0.01")).setLotSize(1).setSector(null).setTradable(true)
                    .setUpdatedAtMicros(0).build());
        }
    }
}
