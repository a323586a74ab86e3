package dev.tickflow.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.tickflow.model.EventTime;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.TopicClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one broker, each with its own port and state directory: the partitions
 * split between them, every symbol is answered by either one (through the owner), and after one is killed the survivor
 * takes over its partitions, restores their state and answers for every symbol.
 */
class TwoInstancesIT {

    private static final List<String> SYMBOLS = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("TI%02d", i)).toList();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(Process::destroyForcibly);
    }

    @Test
    void partitionsSplitEveryInstanceAnswersForEverySymbolAndTheSurvivorTakesOver() throws Exception {
        String bootstrap = EmbeddedKafka.get().bootstrapServers();
        int portA = PackagedInstance.freePort();
        int portB = PackagedInstance.freePort();
        Process a = start("a", portA, bootstrap);
        Process b = start("b", portB, bootstrap);
        PackagedInstance.awaitReady(portA, WAIT);
        PackagedInstance.awaitReady(portB, WAIT);

        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        try (TopicClient topics = new TopicClient(bootstrap)) {
            for (int i = 0; i < SYMBOLS.size(); i++) {
                trade(topics, SYMBOLS.get(i), (100 + i) + ".25", minute.plusSeconds(10));
                trade(topics, SYMBOLS.get(i), (100 + i) + ".75", minute.plusSeconds(80));
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Set<Integer>> members = tickPartitionsByMember(bootstrap);
            assertThat(members).hasSize(2);
            members.values().forEach(partitions -> assertThat(partitions).as("each instance holds some partitions").isNotEmpty());
        });
        Map<String, Set<Integer>> split = tickPartitionsByMember(bootstrap);
        Set<Integer> all = new HashSet<>();
        split.values().forEach(all::addAll);
        assertThat(all).as("md.ticks partitions between the two instances").hasSize(Topics.MD_TICKS.partitions());

        Set<String> forwardedBy = new HashSet<>();
        for (int port : List.of(portA, portB)) {
            for (int i = 0; i < SYMBOLS.size(); i++) {
                String symbol = SYMBOLS.get(i);
                String expected = (100 + i) + ".75";
                await().atMost(WAIT).untilAsserted(() -> assertThat(quote(port, symbol).body()).contains("\"price\":\"" + expected + "\""));
                quote(port, symbol).headers().firstValue("X-Tickflow-Served-By").ifPresent(owner -> forwardedBy.add(port + "->" + owner));
            }
        }
        assertThat(forwardedBy).as("each instance answered some symbols through the other")
                .anyMatch(route -> route.startsWith(portA + "->")).anyMatch(route -> route.startsWith(portB + "->"));

        a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (int i = 0; i < SYMBOLS.size(); i++) {
            String symbol = SYMBOLS.get(i);
            String expected = (100 + i) + ".75";
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> response = quote(portB, symbol);
                if (response.statusCode() == 503) {
                    assertThat(response.headers().firstValue("Retry-After")).as("503 while restoring tells when to retry").isPresent();
                }
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"price\":\"" + expected + "\"");
                assertThat(response.headers().firstValue("X-Tickflow-Served-By")).as("answered by the survivor itself").isEmpty();
            });
        }
        assertThat(tickPartitionsByMember(bootstrap)).hasSize(1);
    }

    private Process start(String name, int port, String bootstrap) throws IOException {
        Process process = PackagedInstance.start(port, bootstrap, Files.createTempDirectory("market-stats-" + name),
                Path.of("target").resolve("two-instances-" + name + ".log"),
                List.of("-Dkafka-streams.statestore.cache.max.bytes=0", "-Dtickflow.stats.movers-interval=500ms"));
        instances.add(process);
        return process;
    }

    private HttpResponse<String> quote(int port, String symbol) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/symbols/" + symbol + "/quote"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The md.ticks partitions each member of the application's consumer group holds. */
    private static Map<String, Set<Integer>> tickPartitionsByMember(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("market-stats")).all().get(10, TimeUnit.SECONDS)
                    .get("market-stats");
            Map<String, Set<Integer>> byMember = new java.util.HashMap<>();
            // one stream thread per instance: one member per instance
            for (MemberDescription member : group.members()) {
                Set<Integer> partitions = new HashSet<>();
                for (TopicPartition partition : member.assignment().topicPartitions()) {
                    if (partition.topic().equals(Topics.MD_TICKS.name())) {
                        partitions.add(partition.partition());
                    }
                }
                byMember.put(member.consumerId(), partitions);
            }
            return byMember;
        }
    }

    private static void trade(TopicClient topics, String symbol, String price, Instant time) {
        long micros = EventTime.toMicros(time);
        topics.send(Topics.MD_TICKS, symbol, Tick.newBuilder().setSymbol(symbol).setPrice(FixedPoint.parse(price)).setQuantity(10)
                .setEventTimeMicros(micros).setIngestTimeMicros(micros).setSource(TickSource.PUSH).setSide(null).setVenue(null)
                .setTradeId(null).build());
    }
}
