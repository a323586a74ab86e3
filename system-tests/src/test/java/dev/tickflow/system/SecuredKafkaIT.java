package dev.tickflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tickflow.model.Bar;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.model.topic.TopicProvisioner;
import dev.tickflow.testsupport.DemoAccounts;
import dev.tickflow.testsupport.ServiceProcess;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Kafka TLS/SASL is a configuration away", tested: the trading path and market-stats run against a broker that demands
 * SCRAM-SHA-512 and enforces the ACLs of deploy/kafka/users.yaml, configured only with the environment variables of
 * deploy/services/kafka-client.yaml (SASL_PLAINTEXT here instead of SASL_SSL) and each service's own credentials. Every
 * client kind a service has (messaging channels, Kafka Streams with its internal topics and transactions, the account
 * feed, the order-flow reader) must authenticate and hold the permissions it needs, or an order does not trade.
 */
class SecuredKafkaIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DEPLOY = TradingStack.servicesDir().resolveSibling("deploy");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SYMBOL = "SECU";
    private static final List<String> SERVICES = List.of("risk", "matching-engine", "order-gateway", "market-stats");

    private static SecuredBroker broker;
    private static TopicClient topics;
    private static final Map<String, ServiceProcess> RUNNING = new HashMap<>();

    @BeforeAll
    static void startOnASecuredBroker() throws Exception {
        Path work = TradingStack.freshDirectory("secured-kafka");
        broker = SecuredBroker.start(work);
        try (Admin admin = Admin.create(broker.client(SecuredBroker.ADMIN))) {
            TopicProvisioner.ensure(admin, Topics.all(), 1);
        }
        broker.createUsers(kafkaUsers(YAML.readValues(YAML.createParser(DEPLOY.resolve("kafka/users.yaml").toFile()),
                JsonNode.class).readAll()));
        topics = new TopicClient(broker.client(SecuredBroker.ADMIN));
        DemoAccounts.publish(topics);
        Map<String, String> kafkaClient = kafkaClientEnvironment();
        for (String service : SERVICES) {
            RUNNING.put(service, ServiceProcess.start(TradingStack.servicesDir(), service, work,
                    Map.of("tickflow.state-dir", work.resolve(service + "-state").toString(), "tickflow.gateway.fix.port", "0"),
                    environment(service, kafkaClient)));
        }
        for (ServiceProcess service : RUNNING.values()) {
            service.awaitReady(TradingStack.START);
        }
        TradingStack.lastTrade(topics, SYMBOL, "50");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        TradingStack.stopAll(RUNNING.values().toArray(ServiceProcess[]::new));
        if (topics != null) {
            topics.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void ordersTradeAndBarsFormWithEveryServiceOnItsOwnCredentials() throws Exception {
        ServiceProcess gateway = RUNNING.get("order-gateway");
        TradingStack.Reply sell = TradingStack.send(gateway, "POST", "/orders?wait=true", "bob-demo-token", Map.of("clientOrderId",
                "secured-bob-1", "symbol", SYMBOL, "side", "SELL", "type", "LIMIT", "quantity", 5, "limitPrice", "50"));
        assertThat(sell.status()).as("%s", sell.body()).isIn(200, 201, 202);
        TradingStack.Reply buy = TradingStack.send(gateway, "POST", "/orders?wait=true", "alice-demo-token", Map.of("clientOrderId",
                "secured-alice-1", "symbol", SYMBOL, "side", "BUY", "type", "LIMIT", "quantity", 5, "limitPrice", "50"));
        assertThat(buy.status()).as("%s", buy.body()).isIn(200, 201, 202);
        String aliceOrder = buy.body().path("orderId").asText();

        await().atMost(WAIT).untilAsserted(() -> assertThat(TradingStack.send(gateway, "GET", "/orders/" + aliceOrder,
                "alice-demo-token", null).body().path("status").asText()).isEqualTo("FILLED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(TradingStack.send(RUNNING.get("risk"), "GET", "/accounts/alice/positions",
                "alice-demo-token", null).body().findValuesAsText("symbol")).contains(SYMBOL));
        // the trade went to md.ticks, and market-stats (repartitions, windowed stores, exactly once) turned it into a bar
        List<ConsumerRecord<String, Bar>> bars = topics.await(Topics.MD_BARS_1M_LIVE, record -> SYMBOL.equals(record.key()), 1, WAIT);
        assertThat(bars.getFirst().value().getVolume()).isEqualTo(5);
    }

    @Test
    void theBrokerRefusesWhatTheAclsDoNotGrantAndStrangersAltogether() {
        // the gateway may submit orders but not forge executions
        try (KafkaProducer<byte[], byte[]> gateway = producer(broker.client("order-gateway"))) {
            assertThatThrownBy(() -> gateway.send(new ProducerRecord<>(Topics.EXECUTIONS.name(), new byte[] {1})).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        Properties stranger = broker.client("order-gateway");
        stranger.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"order-gateway\""
                + " password=\"guessed\";");
        try (KafkaProducer<byte[], byte[]> guessing = producer(stranger)) {
            assertThatThrownBy(() -> guessing.send(new ProducerRecord<>(Topics.ORDERS_SUBMITTED.name(), new byte[] {1})).get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** deploy/services/kafka-client.yaml's variables for this broker: its address, and no TLS (no certificates here). */
    private static Map<String, String> kafkaClientEnvironment() throws Exception {
        JsonNode data = YAML.readTree(DEPLOY.resolve("services/kafka-client.yaml").toFile()).path("data");
        Map<String, String> environment = new HashMap<>();
        data.properties().forEach(entry -> {
            String value = entry.getValue().asText();
            if (entry.getKey().endsWith("_BOOTSTRAP_SERVERS")) {
                value = broker.bootstrapServers();
            } else if ("SASL_SSL".equals(value)) {
                value = "SASL_PLAINTEXT";
            }
            if (!entry.getKey().contains("_SSL_TRUSTSTORE_")) {
                environment.put(entry.getKey(), value);
            }
        });
        assertThat(environment).containsKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "QUARKUS_KAFKA_STREAMS_SASL_MECHANISM");
        return environment;
    }

    /** What the service's manifest gives it: the shared variables and its own JAAS line, as Strimzi's Secret has it. */
    private static Map<String, String> environment(String service, Map<String, String> kafkaClient) {
        Map<String, String> environment = new HashMap<>(kafkaClient);
        environment.put("KAFKA_SASL_JAAS_CONFIG", SecuredBroker.jaas(service));
        environment.put("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG", SecuredBroker.jaas(service));
        return environment;
    }

    private static KafkaProducer<byte[], byte[]> producer(Properties client) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put("max.block.ms", "10000");
        properties.put("delivery.timeout.ms", "10000");
        properties.put("request.timeout.ms", "5000");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The KafkaUser resources of a manifest file. */
    private static List<JsonNode> kafkaUsers(List<JsonNode> documents) {
        return documents.stream().filter(document -> document != null && "KafkaUser".equals(document.path("kind").asText())).toList();
    }
}
