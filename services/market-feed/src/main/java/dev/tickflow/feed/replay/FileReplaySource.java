package dev.tickflow.feed.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.tickflow.feed.FeedConfig;
import dev.tickflow.feed.ingest.FeedSource;
import dev.tickflow.feed.ingest.JsonTickReader;
import dev.tickflow.feed.ingest.RawTick;
import dev.tickflow.feed.ingest.TickIngestor;
import dev.tickflow.feed.ingest.TickValidator;
import dev.tickflow.feed.ingest.Validated;
import dev.tickflow.feed.source.ControllableSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Replays a CSV or JSON-lines tick file at real speed, N times faster, or as fast as the broker takes it. Every line
 * goes through the same validation as pushed ticks; a bad line is dead-lettered and the replay goes on. It waits for
 * publishing capacity rather than skipping: a replay never loses a line.
 */
@ApplicationScoped
public class FileReplaySource implements ControllableSource {

    /** Lifecycle of the current (or last) replay. */
    public enum State { IDLE, RUNNING, FINISHED, STOPPED, FAILED }

    private static final Logger LOG = Logger.getLogger(FileReplaySource.class);
    private static final String BUNDLED = "replay/";

    private final TickIngestor ingestor;
    private final JsonTickReader json;
    private final Clock clock;
    private final Path directory;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private volatile State state = State.IDLE;
    private volatile String error;
    private volatile ReplayPlan plan;
    private Thread thread;

    FileReplaySource(TickIngestor ingestor, JsonTickReader json, Clock clock, FeedConfig config) {
        this.ingestor = ingestor;
        this.json = json;
        this.clock = clock;
        this.directory = Path.of(config.replay().directory()).toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "file-replay";
    }

    @Override
    public boolean running() {
        return state == State.RUNNING;
    }

    /** Starting without a request replays the bundled CSV sample once at real speed. */
    @Override
    public void start() {
        start(new ReplayRequest("sample-ticks.csv", "1", true, false));
    }

    /**
     * Starts a replay, stopping the current one first.
     *
     * @throws IllegalArgumentException for an unknown file, format or speed: the caller's mistake
     */
    public synchronized void start(ReplayRequest request) {
        ReplayPlan next = plan(request);
        stop();
        plan = next;
        lines.set(0);
        accepted.set(0);
        refused.set(0);
        error = null;
        state = State.RUNNING;
        thread = new Thread(() -> run(next), "tick-replay");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("replaying %s at speed %s", next.name(), request.speed() == null ? "1" : request.speed());
    }

    @Override
    public synchronized void stop() {
        if (thread != null && thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        ReplayPlan current = plan;
        status.put("state", state.name());
        status.put("file", current == null ? null : current.name());
        status.put("speed", current == null ? null : current.speedText());
        status.put("linesRead", lines.get());
        status.put("accepted", accepted.get());
        status.put("refused", refused.get());
        status.put("error", error);
        status.put("directory", directory.toString());
        return status;
    }

    private ReplayPlan plan(ReplayRequest request) {
        if (request == null || request.file() == null || request.file().isBlank()) {
            throw new IllegalArgumentException("file is required");
        }
        String speedText = request.speed() == null ? "1" : request.speed().trim();
        double speed;
        if ("max".equalsIgnoreCase(speedText)) {
            speed = Double.POSITIVE_INFINITY;
        } else {
            try {
                speed = Double.parseDouble(speedText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("speed must be a positive number or 'max', was '" + speedText + "'");
            }
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be a positive number or 'max', was '" + speedText + "'");
            }
        }
        TickFileFormat.forFile(request.file(), json); // rejects an unknown extension now, not on the replay thread
        Path inDirectory = directory.resolve(request.file()).normalize();
        if (!inDirectory.startsWith(directory)) {
            throw new IllegalArgumentException("file must be inside the replay directory");
        }
        boolean bundled = !Files.isRegularFile(inDirectory);
        if (bundled && getClass().getClassLoader().getResource(BUNDLED + request.file()) == null) {
            throw new IllegalArgumentException("no file " + request.file() + " in " + directory + " nor among the bundled samples");
        }
        return new ReplayPlan(request.file(), bundled ? null : inDirectory, speed, speedText,
                Boolean.TRUE.equals(request.rebaseTime()), Boolean.TRUE.equals(request.loop()));
    }

    private void run(ReplayPlan current) {
        try {
            do {
                replayOnce(current);
            } while (current.loop() && !Thread.currentThread().isInterrupted());
            state = Thread.currentThread().isInterrupted() ? State.STOPPED : State.FINISHED;
        } catch (InterruptedException e) {
            state = State.STOPPED;
        } catch (IOException | RuntimeException e) {
            error = e.toString();
            state = State.FAILED;
            LOG.warnf("replay of %s failed: %s", current.name(), e);
        }
    }

    private void replayOnce(ReplayPlan current) throws IOException, InterruptedException {
        TickFileFormat format = TickFileFormat.forFile(current.name(), json);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(current), StandardCharsets.UTF_8))) {
            long wallStart = System.nanoTime();
            long firstEventMicros = Long.MIN_VALUE;
            long lineNumber = 0;
            String line;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (first) {
                    first = false;
                    if (format.header(line)) {
                        continue;
                    }
                }
                RawTick raw = format.parse(line, lineNumber);
                lines.incrementAndGet();
                Instant eventTime = eventTime(raw);
                if (eventTime != null && current.speed() != Double.POSITIVE_INFINITY) {
                    long micros = eventTime.getEpochSecond() * 1_000_000L + eventTime.getNano() / 1_000;
                    if (firstEventMicros == Long.MIN_VALUE) {
                        firstEventMicros = micros;
                    }
                    waitUntil(wallStart + (long) ((micros - firstEventMicros) * 1_000 / current.speed()));
                }
                if (current.rebaseTime() && eventTime != null) {
                    raw = withTimestamp(raw, Long.toString(clock.millis()));
                }
                Validated verdict = ingestor.submitWaiting(raw, FeedSource.FILE_REPLAY);
                (verdict instanceof Validated.Accepted ? accepted : refused).incrementAndGet();
            }
        }
    }

    private InputStream open(ReplayPlan current) throws IOException {
        if (current.path() != null) {
            return Files.newInputStream(current.path());
        }
        InputStream in = getClass().getClassLoader().getResourceAsStream(BUNDLED + current.name());
        if (in == null) {
            throw new IOException("bundled sample " + current.name() + " disappeared");
        }
        return in;
    }

    private static Instant eventTime(RawTick raw) {
        if (raw.timestamp() == null) {
            return null;
        }
        try {
            return TickValidator.parseTimestamp(raw.timestamp());
        } catch (DateTimeException e) {
            return null; // the validator reports it; pacing just does not wait for this line
        }
    }

    private static RawTick withTimestamp(RawTick raw, String timestamp) {
        return new RawTick(raw.symbol(), raw.price(), raw.quantity(), timestamp, raw.side(), raw.venue(), raw.tradeId(),
                raw.location(), raw.original(), raw.formatViolations());
    }

    private static void waitUntil(long deadlineNanos) throws InterruptedException {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private record ReplayPlan(String name, Path path, double speed, String speedText, boolean rebaseTime, boolean loop) {
    }
}
