package dev.tickflow.feed.simulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.tickflow.feed.FeedConfig;
import dev.tickflow.feed.ingest.FeedSource;
import dev.tickflow.feed.publish.FeedMetrics;
import dev.tickflow.feed.publish.TickPublisher;
import dev.tickflow.feed.source.ControllableSource;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Generates trades for the instrument universe at a configured total rate, on its own thread (never an event loop).
 * Time is cut into slots ({@code tickflow.feed.simulator.slot}); each slot it reserves publishing capacity for the
 * ticks due and skips those it cannot get, so a slow broker slows the simulator down instead of growing a queue. A
 * share of ticks is stamped in the past (out of order, or late beyond a typical grace) so that downstream event-time
 * handling has something to handle.
 */
@ApplicationScoped
public class SimulatorSource implements ControllableSource {

    private static final Logger LOG = Logger.getLogger(SimulatorSource.class);
    /** Behind by more than this, the simulator drops the backlog rather than bursting to catch up. */
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TickPublisher publisher;
    private final FeedMetrics metrics;
    private final Clock clock;
    private final FeedConfig config;
    private final List<SimulatedInstrument> instruments;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    private volatile SimulatorSettings settings;
    private volatile boolean running;
    private Thread thread;

    SimulatorSource(TickPublisher publisher, FeedMetrics metrics, Clock clock, FeedConfig config, InstrumentUniverse universe) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.config = config;
        this.instruments = universe.instruments();
        this.settings = SimulatorSettings.from(config.simulator());
    }

    void onStart(@Observes StartupEvent event) {
        if (config.simulator().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @Override
    public String name() {
        return "simulator";
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "tick-simulator");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("simulator started: %d symbols, %.0f ticks/s", instruments.size(), settings.ticksPerSecond());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("simulator stopped");
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public void retune(SimulatorSettings newSettings) {
        settings = newSettings;
    }

    @Override
    public Map<String, Object> status() {
        SimulatorSettings current = settings;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("symbols", instruments.stream().map(SimulatedInstrument::symbol).toList());
        status.put("ticksPerSecond", current.ticksPerSecond());
        status.put("outOfOrderShare", current.outOfOrderShare());
        status.put("lateShare", current.lateShare());
        status.put("generated", generated.get());
        status.put("skippedForBackpressure", skipped.get());
        return status;
    }

    private void run() {
        SplittableRandom random = config.simulator().seed().isPresent()
                ? new SplittableRandom(config.simulator().seed().getAsLong()) : new SplittableRandom();
        PriceModel model = new PriceModel(instruments, config.simulator().volatilityScale(), EventTime.nowMicros(clock));
        // a zero or sub-millisecond step would be a loop of wake-ups, the very cost the step exists to bound
        long slotNanos = Math.max(MIN_SLOT_NANOS, config.simulator().slot().toNanos());
        long nextSlot = System.nanoTime();
        double carry = 0;
        while (running) {
            nextSlot += slotNanos;
            long wait = nextSlot - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > MAX_LAG_NANOS) {
                nextSlot = System.nanoTime();
            }
            if (!running) {
                return;
            }
            double due = settings.ticksPerSecond() * slotNanos / 1e9 + carry;
            int count = (int) due;
            carry = due - count;
            if (count == 0) {
                continue;
            }
            int granted = publisher.reserveUpTo(count);
            if (granted < count) {
                skipped.addAndGet(count - granted);
                metrics.throttled(FeedSource.SIMULATOR, count - granted);
            }
            long nowMicros = EventTime.nowMicros(clock);
            SimulatorSettings current = settings;
            for (int i = 0; i < granted; i++) {
                publisher.publishFromSourceThread(nextTick(model, random, nowMicros, current), FeedSource.SIMULATOR);
            }
            generated.addAndGet(granted);
        }
    }

    private Tick nextTick(PriceModel model, SplittableRandom random, long nowMicros, SimulatorSettings current) {
        int index = random.nextInt(instruments.size());
        long price = model.next(index, nowMicros, random);
        return Tick.newBuilder()
                .setSymbol(instruments.get(index).symbol())
                .setPrice(price)
                .setQuantity(quantity(random))
                .setEventTimeMicros(nowMicros - delayMicros(random, current))
                .setIngestTimeMicros(nowMicros)
                .setSource(FeedSource.SIMULATOR.tickSource())
                .setSide(random.nextBoolean() ? Side.BUY : Side.SELL)
                .setVenue("SIM")
                .setTradeId(null)
                .build();
    }

    /** Mostly round lots of 100 with a long tail, some odd lots. */
    private static long quantity(SplittableRandom random) {
        if (random.nextInt(5) == 0) {
            return 1 + random.nextInt(99);
        }
        return 100L * (1 + (long) (-Math.log(1.0 - random.nextDouble()) * 3));
    }

    private static long delayMicros(SplittableRandom random, SimulatorSettings current) {
        double u = random.nextDouble();
        if (u < current.lateShare()) {
            long min = current.lateMin().toNanos() / 1_000;
            long max = current.lateMax().toNanos() / 1_000;
            return max > min ? random.nextLong(min, max) : min;
        }
        if (u < current.lateShare() + current.outOfOrderShare()) {
            long max = current.outOfOrderMax().toNanos() / 1_000;
            return max > 0 ? random.nextLong(max) : 0;
        }
        return 0;
    }
}
