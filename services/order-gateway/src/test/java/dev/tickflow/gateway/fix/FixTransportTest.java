package dev.tickflow.gateway.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import dev.tickflow.gateway.GatewayConfig;
import dev.tickflow.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import quickfix.ConfigError;
import quickfix.SessionSettings;

/** Plaintext FIX only on loopback; TLS only with a key store that is there. */
class FixTransportTest {

    @Test
    void plaintextOnLoopbackIsAllowed() throws ConfigError {
        SessionSettings settings = new SessionSettings();
        FixTransport.configure(fix("127.0.0.1", false, null), settings);
        assertThat(settings.getString("SocketAcceptAddress")).isEqualTo("127.0.0.1");
        assertThat(settings.isSetting("SocketUseSSL")).isFalse();
    }

    @Test
    void plaintextOnAnyOtherAddressIsRefused() {
        for (String host : new String[] {"0.0.0.0", "10.1.2.3"}) {
            assertThatThrownBy(() -> FixTransport.configure(fix(host, false, null), new SessionSettings()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cleartext").hasMessageContaining(host);
        }
    }

    @Test
    void tlsNeedsAReadableKeyStore() throws ConfigError {
        assertThatThrownBy(() -> FixTransport.configure(fix("0.0.0.0", true, null), new SessionSettings()))
                .hasMessageContaining("key-store");
        assertThatThrownBy(() -> FixTransport.configure(fix("0.0.0.0", true, "/no/such/store.p12"), new SessionSettings()))
                .hasMessageContaining("cannot be read");
        Path store = TestCertificates.selfSigned(Path.of("target", "fix-tls")).keyStore();
        SessionSettings settings = new SessionSettings();
        FixTransport.configure(fix("0.0.0.0", true, store.toString()), settings);
        assertThat(settings.getString("SocketUseSSL")).isEqualTo("Y");
        assertThat(settings.getString("SocketKeyStore")).isEqualTo(store.toString());
    }

    private static GatewayConfig.Fix fix(String host, boolean tls, String keyStore) {
        GatewayConfig.Fix.Tls settings = new GatewayConfig.Fix.Tls() {
            @Override
            public boolean enabled() {
                return tls;
            }

            @Override
            public Optional<String> keyStore() {
                return Optional.ofNullable(keyStore);
            }

            @Override
            public Optional<String> keyStorePassword() {
                return Optional.of(TestCertificates.PASSWORD);
            }

            @Override
            public String keyStoreType() {
                return "PKCS12";
            }

            @Override
            public String protocols() {
                return "TLSv1.3,TLSv1.2";
            }
        };
        return new GatewayConfig.Fix() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public Tls tls() {
                return settings;
            }

            @Override
            public String compId() {
                return "TICKFLOW";
            }

            @Override
            public int heartbeatSeconds() {
                return 30;
            }
        };
    }
}
