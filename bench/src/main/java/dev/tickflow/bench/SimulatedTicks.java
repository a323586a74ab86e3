package dev.tickflow.bench;

import java.util.Properties;
import java.util.SplittableRandom;

import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import org.apache.kafka.clients.producer.ProducerConfig;

/** What the baselines send: the simulator's kind of tick over twenty symbols, with market-feed's producer settings. */
final class SimulatedTicks {

    private static final String[] SYMBOLS = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "JNJ", "WMT", "XOM",
        "PG", "MA", "HD", "KO", "PEP", "NFLX", "AMD", "INTC"};

    private final SplittableRandom random = new SplittableRandom(1);

    /** market-feed's md.ticks producer: acks=all, idempotent, 5 ms linger, 64 KB batches, lz4. */
    static Properties producerSettings(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return properties;
    }

    /** A trade of a random symbol near 100.00, stamped now. */
    Tick next() {
        long now = System.currentTimeMillis() * 1_000;
        String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
        return Tick.newBuilder().setSymbol(symbol).setPrice(100_000_000L + random.nextInt(1_000) * 10_000L).setQuantity(100)
                .setEventTimeMicros(now).setIngestTimeMicros(now).setSource(TickSource.SIMULATOR)
                .setSide(random.nextBoolean() ? Side.BUY : Side.SELL).setVenue("SIM").setTradeId(null).build();
    }
}
