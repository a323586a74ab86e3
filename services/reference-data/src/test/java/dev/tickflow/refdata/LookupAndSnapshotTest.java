package dev.tickflow.refdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.tickflow.model.Instrument;
import dev.tickflow.model.LookupKind;
import dev.tickflow.model.LookupReply;
import dev.tickflow.model.LookupStatus;
import dev.tickflow.model.topic.Topics;
import dev.tickflow.refdata.outbox.OutboxRelay;
import dev.tickflow.support.lookup.LookupClient;
import dev.tickflow.testsupport.EmbeddedKafka;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.PostgresResource;
import dev.tickflow.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request/reply lookups over Kafka through the client helper, and a full snapshot re-published on demand. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class LookupAndSnapshotTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static LookupClient lookups;

    @Inject
    OutboxRelay relay;

    @BeforeAll
    static void connect() {
        lookups = new LookupClient(Map.of("bootstrap.servers", EmbeddedKafka.get().bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        lookups.close();
    }

    @Test
    void instrumentsAreFoundBySymbolPrefixOrName() throws Exception {
        LookupReply bySymbol = lookups.searchInstruments("ms", TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(bySymbol.getStatus()).isEqualTo(LookupStatus.OK);
        assertThat(bySymbol.getInstruments()).extracting(Instrument::getSymbol).contains("MSFT");
        LookupReply byName = lookups.searchInstruments("coca", TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(byName.getInstruments()).extracting(Instrument::getSymbol).containsExactly("KO");
        assertThat(lookups.searchInstruments("no such company", TIMEOUT).get(20, TimeUnit.SECONDS).getStatus())
                .isEqualTo(LookupStatus.NOT_FOUND);
    }

    @Test
    void marketTermsAreDefinedInEnglishAndFrench() throws Exception {
        assertThat(lookups.define("VWAP", "en", TIMEOUT).get(20, TimeUnit.SECONDS).getDefinition()).contains("Volume-weighted");
        assertThat(lookups.define("vwap", "fr", TIMEOUT).get(20, TimeUnit.SECONDS).getDefinition()).contains("pondéré");
        LookupReply unknown = lookups.define("moon phase", "en", TIMEOUT).get(20, TimeUnit.SECONDS);
        assertThat(unknown.getStatus()).isEqualTo(LookupStatus.NOT_FOUND);
        assertThat(lookups.ask(LookupKind.OTHER, "?", "en", TIMEOUT).get(20, TimeUnit.SECONDS).getStatus()).isEqualTo(LookupStatus.ERROR);
    }

    @Test
    void aQuestionPastItsDeadlineTimesOutAndIsNotAnswered() {
        assertThatThrownBy(() -> lookups.searchInstruments("AAPL", Duration.ZERO).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aFullSnapshotIsRepublishedOnDemandByAnAdministrator() {
        relay.relay(true);
        given().auth().oauth2("alice-demo-token").post("/admin/republish").then().statusCode(403);
        Map<String, Integer> queued = given().auth().oauth2("ops-demo-token").post("/admin/republish").then().statusCode(202)
                .extract().jsonPath().getMap("$", String.class, Integer.class);
        assertThat(queued.get("instruments")).as("the seeds and whatever other tests added").isGreaterThanOrEqualTo(20);
        assertThat(queued.get("accounts")).isGreaterThanOrEqualTo(3);
        assertThat(queued.get("limits")).isGreaterThanOrEqualTo(2);
        assertThat(relay.relay(true)).isEqualTo(queued.values().stream().mapToInt(Integer::intValue).sum());
        try (TopicClient topics = TopicClient.embedded()) {
            topics.await(Topics.REF_INSTRUMENTS, record -> "INTC".equals(record.key()), 2, TIMEOUT);
        }
    }
}
