package dev.tickflow.gateway.fix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tickflow.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.jboss.logging.Logger;
import quickfix.ConfigError;
import quickfix.FixVersions;
import quickfix.MemoryStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

/**
 * The FIX acceptor: any account may connect as SenderCompID = its id, TargetCompID = ours, and gets a session of its
 * own made from one template. Sequence numbers start over at every logon and nothing is stored: the gateway keeps no
 * FIX message store, so any instance can take any session and a restart needs no recovery (reports are rebuilt from
 * Kafka, and an order's state is one status request away over REST).
 */
@ApplicationScoped
// what the libraries instantiate by reflection, for the native image: MINA's I/O processors, and the collections
// QuickFIX/J copies a data dictionary's maps and sets into
@RegisterForReflection(targets = {NioProcessor.class, HashMap.class, HashSet.class, LinkedHashMap.class, LinkedHashSet.class,
        ArrayList.class, TreeMap.class, TreeSet.class})
public class FixAcceptor {

    private static final Logger LOG = Logger.getLogger(FixAcceptor.class);

    private final GatewayConfig.Fix config;
    private final FixOrderEntry application;
    private ThreadedSocketAcceptor acceptor;
    private int port;

    FixAcceptor(GatewayConfig config, FixOrderEntry application) {
        this.config = config.fix();
        this.application = application;
    }

    void start(@Observes StartupEvent started) throws ConfigError {
        if (!config.enabled()) {
            return;
        }
        port = config.port() == 0 ? freePort() : config.port();
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "acceptor");
        settings.setString("BeginString", FixVersions.BEGINSTRING_FIX44);
        // trading sessions are the exchange's business; FIX sessions are open around the clock
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setLong("HeartBtInt", config.heartbeatSeconds());
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "FIX44.xml");
        settings.setString("ResetOnLogon", "Y");
        settings.setString("ResetOnLogout", "Y");
        settings.setString("ResetOnDisconnect", "Y");
        settings.setLong("SocketAcceptPort", port);
        FixTransport.configure(config, settings);
        // session events only: no log line per message on the order path
        settings.setString(SLF4JLogFactory.SETTING_LOG_HEARTBEATS, "N");
        settings.setString(SLF4JLogFactory.SETTING_INMSG_CATEGORY, "quickfixj.msg.incoming");
        settings.setString(SLF4JLogFactory.SETTING_OUTMSG_CATEGORY, "quickfixj.msg.outgoing");
        SessionID template = new SessionID(FixVersions.BEGINSTRING_FIX44, config.compId(), DynamicAcceptorSessionProvider.WILDCARD);
        settings.setString(template, "AcceptorTemplate", "Y");

        MemoryStoreFactory store = new MemoryStoreFactory();
        SLF4JLogFactory log = new SLF4JLogFactory(settings);
        // the FIX 4.4 factory itself: DefaultMessageFactory would look it up by reflection
        quickfix.fix44.MessageFactory messages = new quickfix.fix44.MessageFactory();
        acceptor = new ThreadedSocketAcceptor(application, store, settings, log, messages);
        acceptor.setSessionProvider(new InetSocketAddress(config.host(), port),
                new DynamicAcceptorSessionProvider(settings, template, application, store, log, messages));
        acceptor.start();
        LOG.infof("FIX 4.4 order entry on %s:%d over %s (TargetCompID %s)", config.host(), port,
                config.tls().enabled() ? "TLS" : "plaintext, loopback only", config.compId());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (acceptor != null) {
            acceptor.stop(true);
        }
    }

    /** The port the acceptor listens on (0 before start or when disabled). */
    public int port() {
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
