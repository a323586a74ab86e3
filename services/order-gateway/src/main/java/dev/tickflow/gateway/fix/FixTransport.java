package dev.tickflow.gateway.fix;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tickflow.gateway.GatewayConfig;
import quickfix.SessionSettings;
import quickfix.mina.ssl.SSLSupport;

/**
 * How the acceptor listens: TLS with the configured key store, or plaintext on a loopback address only. A Logon carries
 * the account's API token in Password (554), so plaintext off the machine would hand it to anyone on the path; the
 * gateway refuses to start that way rather than warn.
 */
final class FixTransport {

    private FixTransport() {
    }

    /** Puts the bind address and, with TLS, the key store into the acceptor's default settings. */
    static void configure(GatewayConfig.Fix config, SessionSettings settings) {
        settings.setString("SocketAcceptAddress", config.host());
        GatewayConfig.Fix.Tls tls = config.tls();
        if (!tls.enabled()) {
            if (!isLoopback(config.host())) {
                throw new IllegalStateException("FIX on " + config.host() + " without TLS would carry account tokens in cleartext: "
                        + "set tickflow.gateway.fix.tls.enabled=true with a key store, or bind tickflow.gateway.fix.host to a "
                        + "loopback address");
            }
            return;
        }
        String keyStore = tls.keyStore().orElseThrow(() -> new IllegalStateException(
                "tickflow.gateway.fix.tls.enabled=true needs tickflow.gateway.fix.tls.key-store"));
        if (!Files.isReadable(Path.of(keyStore))) {
            throw new IllegalStateException("the FIX key store " + keyStore + " cannot be read");
        }
        settings.setString(SSLSupport.SETTING_USE_SSL, "Y");
        settings.setString(SSLSupport.SETTING_KEY_STORE_NAME, keyStore);
        settings.setString(SSLSupport.SETTING_KEY_STORE_PWD, tls.keyStorePassword().orElse(""));
        settings.setString(SSLSupport.SETTING_KEY_STORE_TYPE, tls.keyStoreType());
        settings.setString(SSLSupport.SETTING_ENABLED_PROTOCOLS, tls.protocols());
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
