package dev.tickflow.gateway.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.model.OrderChannel;
import dev.tickflow.support.problem.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What the gateway does when the write of a command fails: refused before it left (the client order id is free again)
 * or failed in a way that leaves its fate open (the id stays taken and the order says UNCONFIRMED, so a retry learns
 * what became of it instead of creating a second live order). Kafka's own MockProducer plays the broker's answers.
 */
class CommandWriteTest {

    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, new OnePartition(), new StringSerializer(),
            new ByteArraySerializer());
    private final OrderRegistry registry = new OrderRegistry(10_000);
    private final OrderService service;

    CommandWriteTest() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValue("tickflow.gateway.require-known-symbols", "false").build();
        GatewayConfig gateway = config.getConfigMapping(GatewayConfig.class);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InstrumentDirectory instruments = new InstrumentDirectory(Map.of("bootstrap.servers", "localhost:1"), meters);
        service = new OrderService(registry, new OrderValidator(gateway, instruments), new PendingOutcomes(meters), () -> true,
                new CommandWriter(producer), gateway, meters, new OutcomeWatch(registry, List.of(), gateway, meters));
    }

    @Test
    void aWriteWhoseFateIsUnknownKeepsTheClientOrderIdAndSaysSo() {
        Uni<OrderResult> first = service.place(alice(), OrderChannel.REST, order("amb-1"), false);
        var answer = first.subscribeAsCompletionStage();
        producer.errorNext(new TimeoutException("expired before the broker answered"));
        assertThatThrownBy(answer::join).hasCauseInstanceOf(ProblemException.class)
                .cause().satisfies(problem -> assertThat(((ProblemException) problem).problem().title())
                        .isEqualTo("Order outcome unknown"));

        OrderView order = registry.viewByClientOrderId("alice", "amb-1").orElseThrow();
        assertThat(order.status()).isEqualTo("UNCONFIRMED");
        assertThat(order.note()).contains("may have happened");
        OrderResult retry = service.place(alice(), OrderChannel.REST, order("amb-1"), false).await().atMost(Duration.ofSeconds(5));
        assertThat(retry.disposition()).as("a retry learns of the first order").isEqualTo(OrderResult.Disposition.REPEATED);
        assertThat(retry.order().orderId()).isEqualTo(order.orderId());
        assertThat(producer.history()).as("and writes nothing more").hasSize(1);
    }

    @Test
    void aWriteRefusedBeforeItLeftFreesTheClientOrderIdForARetry() {
        producer.sendException = new org.apache.kafka.common.KafkaException("no metadata for orders.submitted");
        var answer = service.place(alice(), OrderChannel.REST, order("gone-1"), false).subscribeAsCompletionStage();
        assertThatThrownBy(answer::join).cause()
                .satisfies(problem -> assertThat(((ProblemException) problem).problem().title()).isEqualTo("Order not sent"));
        assertThat(registry.viewByClientOrderId("alice", "gone-1")).isEmpty();

        producer.sendException = null;
        var retry = service.place(alice(), OrderChannel.REST, order("gone-1"), false).subscribeAsCompletionStage();
        producer.completeNext();
        assertThat(retry.join().disposition()).isEqualTo(OrderResult.Disposition.SENT);
    }

    /** The mock has no cluster to partition by: everything to partition 0. */
    private static final class OnePartition implements org.apache.kafka.clients.producer.Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                org.apache.kafka.common.Cluster cluster) {
            return 0;
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public void configure(Map<String, ?> configs) {
            // nothing to configure
        }
    }

    private static QuarkusSecurityIdentity alice() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal("alice")).build();
    }

    private static OrderRequest order(String clientOrderId) {
        return new OrderRequest(clientOrderId, null, "GWA", "BUY", "LIMIT", "GTC", 1L, new BigDecimal("10"));
    }
}
