package dev.tickflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.tickflow.gateway.fix.FixAcceptor;
import dev.tickflow.testsupport.FixClient;
import dev.tickflow.testsupport.KafkaBrokerResource;
import dev.tickflow.testsupport.TestCertificates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The FIX acceptor as deployed: TLS required, on every address. A client that trusts its certificate logs on. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@TestProfile(FixOverTlsTest.Tls.class)
class FixOverTlsTest {

    private static final TestCertificates.Stores STORES = TestCertificates.selfSigned(Path.of("target", "fix-tls"));

    /** TLS with a throwaway certificate, bound to every address as in deploy/. */
    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tickflow.gateway.fix.host", "0.0.0.0",
                    "tickflow.gateway.fix.tls.enabled", "true",
                    "tickflow.gateway.fix.tls.key-store", STORES.keyStore().toAbsolutePath().toString(),
                    "tickflow.gateway.fix.tls.key-store-password", TestCertificates.PASSWORD);
        }
    }

    @Inject
    FixAcceptor acceptor;

    @Test
    void aClientThatTrustsTheCertificateLogsOnOverTls() throws Exception {
        try (FixClient alice = FixClient.overTls(acceptor.port(), "alice", "alice-demo-token", STORES.trustStore(),
                TestCertificates.PASSWORD)) {
            assertThat(alice.awaitLogon(Duration.ofSeconds(30))).as("logon over TLS").isTrue();
        }
    }

    @Test
    void aPlaintextLogonIsNeverAnswered() throws Exception {
        try (FixClient plaintext = new FixClient(acceptor.port(), "alice", "alice-demo-token")) {
            assertThat(plaintext.awaitLogon(Duration.ofSeconds(10))).as("a cleartext logon to the TLS port").isFalse();
        }
    }
}
