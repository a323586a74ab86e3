package dev.tickflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FixVersions;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Text;

/** A FIX 4.4 client as a trading desk would run it (QuickFIX/J initiator), recording what the gateway sends. */
public final class FixClient implements Application, AutoCloseable {

    private final SessionID session;
    private final String password;
    private final SocketInitiator initiator;
    private final CountDownLatch loggedOn = new CountDownLatch(1);
    private final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final List<Message> seen = new ArrayList<>();
    private volatile String logoutText;

    /** Connects to localhost:port as SenderCompID = the account, TargetCompID TICKFLOW, with the token as Password (554). */
    public FixClient(int port, String senderCompId, String password) throws ConfigError {
        this(port, senderCompId, password, java.util.Map.of());
    }

    /** The same over TLS, trusting the certificates of a PKCS12 trust store. */
    public static FixClient overTls(int port, String senderCompId, String password, java.nio.file.Path trustStore,
            String trustStorePassword) throws ConfigError {
        return new FixClient(port, senderCompId, password, java.util.Map.of("SocketUseSSL", "Y", "SocketTrustStore",
                trustStore.toAbsolutePath().toString(), "SocketTrustStorePassword", trustStorePassword, "TrustStoreType", "PKCS12"));
    }

    private FixClient(int port, String senderCompId, String password, java.util.Map<String, String> transport) throws ConfigError {
        this.session = new SessionID(FixVersions.BEGINSTRING_FIX44, senderCompId, "TICKFLOW");
        this.password = password;
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setLong("HeartBtInt", 30);
        settings.setLong("ReconnectInterval", 30);
        settings.setString("UseDataDictionary", "Y");
        settings.setString("DataDictionary", "FIX44.xml");
        settings.setString("ResetOnLogon", "Y");
        settings.setString("SocketConnectHost", "localhost");
        settings.setLong("SocketConnectPort", port);
        settings.setString("ScreenLogShowIncoming", "N");
        settings.setString("ScreenLogShowOutgoing", "N");
        settings.setString("ScreenLogShowEvents", "N");
        settings.setString(session, "BeginString", FixVersions.BEGINSTRING_FIX44);
        transport.forEach(settings::setString);
        initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings, new ScreenLogFactory(settings),
                new DefaultMessageFactory());
        initiator.start();
    }

    public boolean awaitLogon(Duration timeout) throws InterruptedException {
        return loggedOn.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String logoutText() {
        return logoutText;
    }

    public void send(Message message) throws SessionNotFound {
        Session.sendToTarget(message, session);
    }

    /** The next application message the gateway sent that matches, waiting up to the timeout; fails without one. */
    public Message await(Predicate<Message> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            for (Message message : seen) {
                if (wanted.test(message)) {
                    seen.remove(message);
                    return message;
                }
            }
        }
        while (System.nanoTime() < deadline) {
            Message message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message == null) {
                continue;
            }
            if (wanted.test(message)) {
                return message;
            }
            synchronized (seen) {
                seen.add(message);
            }
        }
        throw new AssertionError("no such message within " + timeout + "; received meanwhile: " + seen);
    }

    /** Every application message received so far and not yet awaited. */
    public List<Message> drain() {
        List<Message> all = new ArrayList<>();
        received.drainTo(all);
        synchronized (seen) {
            all.addAll(0, seen);
            seen.clear();
        }
        return all;
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        try {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
                message.setString(Password.FIELD, password);
            }
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound {
        if (MsgType.LOGOUT.equals(message.getHeader().getString(MsgType.FIELD)) && message.isSetField(Text.FIELD)) {
            logoutText = message.getString(Text.FIELD);
        }
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) {
        received.add(message);
    }

    @Override
    public void onLogon(SessionID sessionId) {
        loggedOn.countDown();
    }

    @Override
    public void onCreate(SessionID sessionId) {
    }

    @Override
    public void onLogout(SessionID sessionId) {
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
    }

    @Override
    public void close() {
        initiator.stop(true);
    }
}
