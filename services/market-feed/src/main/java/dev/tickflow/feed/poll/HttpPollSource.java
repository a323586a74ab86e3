package dev.tickflow.feed.poll;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tickflow.feed.FeedConfig;
import dev.tickflow.feed.ingest.FeedSource;
import dev.tickflow.feed.ingest.RawTick;
import dev.tickflow.feed.ingest.TickIngestor;
import dev.tickflow.feed.ingest.Validated;
import dev.tickflow.feed.source.ControllableSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Polls a quote URL per symbol on a schedule, the way one polls a public price API: each request has a timeout,
 * server errors and timeouts are retried with exponential backoff, and requests are spaced to stay under a rate limit.
 * Entirely non-blocking (Vert.x web client on the event loop). A 200 answer without a usable price is dead-lettered
 * with its body like any other bad tick.
 */
@ApplicationScoped
public class HttpPollSource implements ControllableSource {

    private static final Logger LOG = Logger.getLogger(HttpPollSource.class);

    private final TickIngestor ingestor;
    private final Clock clock;
    private final FeedConfig.Poll config;
    private final WebClient client;
    private final ObjectReader json;
    private final MeterRegistry registry;
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong requestsFailed = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private final PollAllowList allowList;
    private volatile PollSettings settings;
    private volatile boolean running;
    private volatile String lastError;

    HttpPollSource(TickIngestor ingestor, Clock clock, FeedConfig config, Vertx vertx, ObjectMapper mapper, MeterRegistry registry) {
        this.ingestor = ingestor;
        this.clock = clock;
        this.config = config.poll();
        this.registry = registry;
        this.allowList = new PollAllowList(this.config.allowedHosts().orElse(List.of()));
        // a redirect would lead the poller past the allow-list
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("tickflow-market-feed")
                .setConnectTimeout((int) this.config.timeout().toMillis()).setFollowRedirects(false));
        this.json = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.settings = PollSettings.from(this.config);
        this.running = this.config.enabled();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String name() {
        return "http-poll";
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public void start() {
        if (settings.url() == null || settings.symbols().isEmpty()) {
            throw new IllegalArgumentException("set url and symbols before starting the poller");
        }
        allowList.check(settings.url());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    public PollSettings settings() {
        return settings;
    }

    public void update(PollSettings update) {
        PollSettings merged = settings.merge(update);
        if (merged.url() != null) {
            allowList.check(merged.url());
        }
        settings = merged;
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        PollSettings current = settings;
        status.put("url", current.url());
        status.put("symbols", current.symbols());
        status.put("pricePath", current.pricePath());
        status.put("interval", config.interval().toString());
        status.put("rounds", rounds.get());
        status.put("accepted", accepted.get());
        status.put("refused", refused.get());
        status.put("requestsFailed", requestsFailed.get());
        status.put("lastError", lastError);
        return status;
    }

    @Scheduled(every = "${tickflow.feed.poll.interval}", identity = "http-poll",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pollAll() {
        PollSettings current = settings;
        if (!running || current.url() == null || current.symbols().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        rounds.incrementAndGet();
        Duration spacing = Duration.ofNanos(1_000_000_000L / Math.max(1, config.maxRequestsPerSecond()));
        return Multi.createFrom().iterable(current.symbols())
                .onItem().call(symbol -> Uni.createFrom().voidItem().onItem().delayIt().by(spacing))
                .onItem().transformToUniAndMerge(symbol -> pollOne(current, symbol))
                .collect().last()
                .replaceWithVoid();
    }

    /** One symbol's request with timeout and retries; never fails, failures are counted and remembered. */
    Uni<Void> pollOne(PollSettings current, String symbol) {
        String url = current.url().replace("{symbol}", URLEncoder.encode(symbol, StandardCharsets.UTF_8));
        try {
            allowList.check(url);
        } catch (IllegalArgumentException e) {
            failed(e.getMessage(), null);
            return Uni.createFrom().voidItem();
        }
        long attemptTimeout = config.timeout().toMillis();
        return client.getAbs(url).timeout(attemptTimeout).send()
                .onItem().transform(response -> {
                    if (response.statusCode() >= 500 || response.statusCode() == 429) {
                        throw new RetryableStatus(response.statusCode());
                    }
                    return response;
                })
                .onFailure(HttpPollSource::retryable).retry()
                .withBackOff(config.initialBackoff(), config.initialBackoff().multipliedBy(16))
                .atMost(config.maxRetries())
                .onItem().invoke(response -> handle(current, symbol, response))
                .onFailure().invoke(failure -> failed(url, failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void handle(PollSettings current, String symbol, HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            failed(response.statusCode() + " from the quote URL for " + symbol, null);
            return;
        }
        byte[] body = response.bodyAsBuffer() == null ? new byte[0] : response.bodyAsBuffer().getBytes();
        RawTick raw = toRaw(current, symbol, body);
        Validated verdict = ingestor.trySubmit(raw, FeedSource.HTTP_POLL);
        if (verdict instanceof Validated.Accepted) {
            accepted.incrementAndGet();
        } else if (verdict != null) {
            refused.incrementAndGet();
        }
    }

    private RawTick toRaw(PollSettings current, String symbol, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        String price = root == null ? null : text(root, current.pricePath());
        String quantity = current.quantityPath() == null || root == null ? null : text(root, current.quantityPath());
        String timestamp = current.timestampPath() == null || root == null ? null : text(root, current.timestampPath());
        return new RawTick(symbol, price, quantity != null ? quantity : Long.toString(config.defaultQuantity()),
                timestamp != null ? timestamp : Long.toString(clock.millis()), null, null, null,
                "GET " + current.url(), body, List.of());
    }

    private static String text(JsonNode root, String path) {
        JsonNode node = root.at(PollSettings.toPointer(path));
        if (node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
    }

    private void failed(String what, Throwable failure) {
        requestsFailed.incrementAndGet();
        registry.counter("ticks.poll.failed").increment();
        lastError = failure == null ? what : what + ": " + failure;
        LOG.debugf("poll failed: %s", lastError);
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof RetryableStatus || failure instanceof TimeoutException || failure instanceof IOException
                || failure instanceof io.vertx.core.VertxException;
    }

    /** A 5xx or 429 answer: worth asking again after a pause. */
    static final class RetryableStatus extends RuntimeException {
        RetryableStatus(int status) {
            super("HTTP " + status, null, false, false);
        }
    }
}
