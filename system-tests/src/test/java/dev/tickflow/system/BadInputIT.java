package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.tickflow.launcher.SingleNodeBrokerConfig;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.DeadLetters;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.testsupport.EmbeddedPostgresql;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service of the platform on one broker, and a corpus of bad records written with a plain producer onto every
 * topic one of them reads: bytes that are not Avro, a record of an unknown schema version, truncated Avro, an empty
 * value and ten megabytes of noise. Afterwards every service is still ready, every reader has dead-lettered every bad
 * record with its reason, and an order placed afterwards trades. Then a corpus of bad HTTP requests: each is answered
 * 4xx with a problem body, never 5xx.
 */
class BadInputIT {

    private static final String SYMBOL = "BADIN";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String[] SERVICES = {"market-feed", "market-stats", "matching-engine", "risk", "order-gateway",
            "reference-data", "history", "web", "strategy", "surveillance"};
    /** Who reads what (the architecture's table), and so must dead-letter each bad record of it. */
    private static final Map<String, List<String>> READERS = readers();
    private static final Map<String, ServiceProcess> STACK = new LinkedHashMap<>();
    private static TopicClient topics;
    private static BrokerProcess broker;

    private static Map<String, List<String>> readers() {
        Map<String, List<String>> readers = new LinkedHashMap<>();
        readers.put(TopicNames.MD_TICKS, List.of("market-stats", "surveillance", "history", "web"));
        readers.put(TopicNames.MD_BARS_1M, List.of("strategy", "history"));
        readers.put(TopicNames.MD_BARS_1M_LIVE, List.of("web"));
        readers.put(TopicNames.MD_BOOK, List.of("strategy", "web"));
        readers.put(TopicNames.MD_DAILY_STATS, List.of("risk", "surveillance"));
        readers.put(TopicNames.REF_INSTRUMENTS, List.of("market-feed", "market-stats", "risk", "order-gateway"));
        readers.put(TopicNames.REF_ACCOUNTS, List.of(SERVICES));
        readers.put(TopicNames.REF_LIMITS, List.of("risk"));
        readers.put(TopicNames.ORDERS_SUBMITTED, List.of("risk", "order-gateway", "surveillance"));
        readers.put(TopicNames.ORDERS_ACCEPTED, List.of("matching-engine"));
        readers.put(TopicNames.ORDERS_REJECTED, List.of("risk", "order-gateway", "web"));
        readers.put(TopicNames.EXECUTIONS, List.of("risk", "order-gateway", "history", "surveillance", "web"));
        readers.put(TopicNames.AUTH_EVENTS, List.of("surveillance"));
        readers.put(TopicNames.RISK_CONTROLS, List.of("risk"));
        readers.put(TopicNames.ALERTS, List.of("history", "web"));
        readers.put(TopicNames.STRATEGY_MODEL_WEIGHTS, List.of("strategy"));
        readers.put(TopicNames.SIGNALS, List.of("web"));
        readers.put(TopicNames.RECOMMENDATIONS, List.of("strategy", "web"));
        readers.put(TopicNames.REF_LOOKUP_REQUESTS, List.of("reference-data"));
        return readers;
    }

    @BeforeAll
    static void startEverything() throws Exception {
        Path work = TradingStack.freshDirectory("bad-input");
        // a broker of its own: the garbage stays on its topics, where no other test reads; and partitioned as the local
        // stack is, so that every service is seen to work on it (the other system tests use the catalogue's counts)
        broker = BrokerProcess.start(work.resolve("kafka"), SingleNodeBrokerConfig.PARTITION_LIMIT);
        String bootstrap = broker.bootstrapServers();
        EmbeddedPostgresql postgres = EmbeddedPostgresql.get();
        topics = new TopicClient(bootstrap);
        for (String service : SERVICES) {
            Map<String, String> extra = new HashMap<>(TradingStack.database(postgres));
            if (service.equals("market-feed")) {
                // a little live market data, without taking the two cores from ten services
                extra.put("tickflow.feed.simulator.ticks-per-second", "20");
                extra.put("tickflow.feed.simulator.symbols", "3");
            }
            STACK.put(service, TradingStack.start(service, work, bootstrap, extra));
        }
        for (ServiceProcess service : STACK.values()) {
            service.awaitReady(TradingStack.START);
        }
        TradingStack.resumeDemoTraders(STACK.get("risk"));
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        STACK.values().forEach(ServiceProcess::close);
        if (topics != null) {
            topics.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void noBadRecordStopsAServiceAndEveryReaderDeadLettersEachWithItsReason() throws Exception {
        allowTenMegabytes(READERS.keySet());
        Map<String, byte[]> corpus = corpus();
        try (KafkaProducer<byte[], byte[]> producer = bigProducer()) {
            for (String topic : READERS.keySet()) {
                for (Map.Entry<String, byte[]> bad : corpus.entrySet()) {
                    String key = "bad-" + bad.getKey();
                    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bad.getValue())).get(30,
                            TimeUnit.SECONDS);
                }
            }
        }

        for (Map.Entry<String, List<String>> topic : READERS.entrySet()) {
            for (String reader : topic.getValue()) {
                await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(deadLettered(topic.getKey(),
                        reader)).as("%s dead-letters every bad record of %s with a reason", reader, topic.getKey())
                        .containsAll(corpus.keySet()));
            }
        }
        for (Map.Entry<String, ServiceProcess> service : STACK.entrySet()) {
            assertThat(ready(service.getValue())).as("%s still ready", service.getKey()).isTrue();
        }

        // and trading goes on
        TradingStack.lastTrade(topics, SYMBOL, "100");
        TradingStack.Reply sell = order("bob-demo-token", "SELL", "100");
        assertThat(sell.status()).as("%s", sell.body()).isEqualTo(201);
        TradingStack.Reply buy = order("alice-demo-token", "BUY", "100");
        assertThat(buy.status()).as("%s", buy.body()).isEqualTo(201);
        // the first outcome may be the acceptance; the fill follows
        String buyId = buy.body().path("orderId").asText();
        await().atMost(WAIT).untilAsserted(() -> assertThat(TradingStack.send(STACK.get("order-gateway"), "GET", "/orders/" + buyId,
                "alice-demo-token", null).body().path("status").asText()).isEqualTo("FILLED"));
    }

    @Test
    void badRequestsAreAnsweredWithAProblemNeverAServerError() throws Exception {
        ServiceProcess gateway = STACK.get("order-gateway");
        String alice = "alice-demo-token";
        List<String> bodies = List.of("{not json", "[]", "\"an order\"", "{\"symbol\":42,\"side\":\"BUY\",\"quantity\":\"many\"}",
                "{\"clientOrderId\":\"r1\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"NaN\","
                        + "\"limitPrice\":\"NaN\"}",
                "{\"clientOrderId\":\"r2\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":-5,\"limitPrice\":\"-1\"}",
                "{\"clientOrderId\":\"r3\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":1e400,"
                        + "\"limitPrice\":\"99999999999999999999999999999\"}",
                "{\"clientOrderId\":\"r4\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":9223372036854775808,"
                        + "\"limitPrice\":\"1\"}",
                "{\"clientOrderId\":\"r5\",\"symbol\":\"ZZZZ\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":1,\"limitPrice\":\"1\"}",
                "{\"clientOrderId\":\"" + "x".repeat(10_000) + "\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"type\":\"LIMIT\","
                        + "\"quantity\":1}",
                "{\"clientOrderId\":\"r6\",\"symbol\":\"AAPL\",\"side\":\"SIDEWAYS\",\"type\":\"LIMIT\",\"quantity\":1,"
                        + "\"limitPrice\":\"1\"}",
                "x".repeat(10 * 1024 * 1024 + 1));
        for (String body : bodies) {
            assertProblem(gateway, "POST", "/orders?wait=true", alice, body);
        }
        assertProblem(gateway, "PATCH", "/orders/no-such-order", alice, "{\"quantity\":\"a lot\"}");
        assertProblem(gateway, "DELETE", "/orders/no-such-order", alice, null);
        assertProblem(gateway, "GET", "/orders?account=bob", alice, null);
        assertProblem(gateway, "GET", "/orders?status=WHATEVER", alice, null);
        ServiceProcess risk = STACK.get("risk");
        assertProblem(risk, "GET", "/accounts/bob/pnl", alice, null);
        assertProblem(risk, "POST", "/accounts/alice/halt", alice, "{\"reason\":\"" + "r".repeat(100_000) + "\"}");
        assertProblem(risk, "POST", "/accounts/alice/halt", alice, "{\"reason\": [1, 2]}");
        ServiceProcess feed = STACK.get("market-feed");
        assertProblem(feed, "POST", "/ticks", "ops-demo-token", "{broken");
        assertProblem(STACK.get("market-stats"), "GET", "/symbols/%00%ff/bars?from=yesterday", null, null);
        assertProblem(STACK.get("history"), "GET", "/history/bars?symbol=AAPL&interval=13m&from=notatime", alice, null);
    }

    private static void assertProblem(ServiceProcess service, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.url(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String what = method + " " + path.substring(0, Math.min(80, path.length())) + " with "
                + (body == null ? "no body" : body.substring(0, Math.min(80, body.length())));
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as("%s", what).startsWith("application/problem+json");
        assertThat(TradingStack.json(response.body()).path("status").asInt()).as("%s", what).isEqualTo(response.statusCode());
    }

    private static TradingStack.Reply order(String token, String side, String price) throws IOException, InterruptedException {
        return TradingStack.send(STACK.get("order-gateway"), "POST", "/orders?wait=true", token, Map.of("clientOrderId",
                "bad-input-" + side + System.nanoTime(), "symbol", SYMBOL, "side", side, "type", "LIMIT", "timeInForce", "GTC",
                "quantity", 5, "limitPrice", price));
    }

    /** The kinds of bad record, by name. */
    private static Map<String, byte[]> corpus() {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("not-avro", "{\"symbol\":\"AAPL\",\"price\":1}".getBytes(StandardCharsets.UTF_8));
        byte[] valid = RecordTypes.TICK.encode(dev.tickflow.model.Tick.newBuilder().setSymbol("AAPL").setPrice(1).setQuantity(1)
                .setEventTimeMicros(0).setIngestTimeMicros(0).setSource(dev.tickflow.model.TickSource.PUSH).setSide(null).setVenue(null)
                .setTradeId(null).build());
        byte[] unknownSchema = valid.clone();
        for (int i = 2; i < 10; i++) {
            unknownSchema[i] = (byte) ~unknownSchema[i];
        }
        corpus.put("unknown-schema", unknownSchema);
        corpus.put("truncated", Arrays.copyOf(valid, 12));
        corpus.put("empty", new byte[0]);
        byte[] big = new byte[10 * 1024 * 1024];
        new SplittableRandom(7).nextBytes(big);
        corpus.put("ten-megabytes", big);
        return corpus;
    }

    /** The keys of the records of a topic that a reader dead-lettered with a reason. */
    private static Set<String> deadLettered(String topic, String reader) {
        Set<String> kinds = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> letter : topics.readRaw(topic + TopicNames.DEAD_LETTER_SUFFIX, record -> true)) {
            String source = DeadLetters.headerValue(letter.headers(), DeadLetters.SOURCE);
            String reason = DeadLetters.headerValue(letter.headers(), DeadLetters.REASON);
            String original = DeadLetters.headerValue(letter.headers(), DeadLetters.ORIGINAL_TOPIC);
            if (source == null || !source.startsWith(reader) || reason == null || reason.isBlank() || !topic.equals(original)) {
                continue;
            }
            kinds.add(kindOf(letter));
        }
        return kinds;
    }

    /**
     * A dead letter's kind: from its key where the reader kept it (a deserializer does not see keys), else from the
     * bytes it kept.
     */
    private static String kindOf(ConsumerRecord<byte[], byte[]> letter) {
        if (letter.key() != null) {
            String key = new String(letter.key(), StandardCharsets.UTF_8);
            if (key.startsWith("bad-")) {
                return key.substring(4);
            }
        }
        for (Map.Entry<String, byte[]> bad : corpus().entrySet()) {
            byte[] kept = letter.value() == null ? new byte[0] : letter.value();
            byte[] original = bad.getValue();
            if (DeadLetters.headerValue(letter.headers(), DeadLetters.TRUNCATED_FROM) != null
                    ? original.length > kept.length && Arrays.equals(Arrays.copyOf(original, kept.length), kept)
                    : Arrays.equals(original, kept)) {
                return bad.getKey();
            }
        }
        return "other";
    }

    private static boolean ready(ServiceProcess service) {
        try {
            return HTTP.send(HttpRequest.newBuilder(service.url("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void allowTenMegabytes(Set<String> names) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            // the stack under test is partitioned as the local one, not as the catalogue
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic -> assertThat(
                    topic.partitions()).as(topic.name()).hasSize(SingleNodeBrokerConfig.PARTITION_LIMIT));
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String name : names) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), List.of(new AlterConfigOp(new ConfigEntry(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(12 * 1024 * 1024)), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<byte[], byte[]> bigProducer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 12 * 1024 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
