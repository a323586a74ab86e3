package dev.tickflow.model.serde;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.tickflow.model.Account;
import dev.tickflow.model.Alert;
import dev.tickflow.model.AuthEvent;
import dev.tickflow.model.Bar;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.DailyStats;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.Features;
import dev.tickflow.model.Instrument;
import dev.tickflow.model.LookupReply;
import dev.tickflow.model.LookupRequest;
import dev.tickflow.model.ModelWeights;
import dev.tickflow.model.Movers;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.Recommendation;
import dev.tickflow.model.RiskControl;
import dev.tickflow.model.RiskLimits;
import dev.tickflow.model.Signal;
import dev.tickflow.model.Tick;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every record type that is a topic value, listed by hand: no classpath scanning, so native images need nothing
 * discovered at run time.
 */
public final class RecordTypes {

    public static final RecordType<Tick> TICK =
            new RecordType<>(Tick.class, Tick.getClassSchema());
    public static final RecordType<Bar> BAR =
            new RecordType<>(Bar.class, Bar.getClassSchema());
    public static final RecordType<DailyStats> DAILY_STATS =
            new RecordType<>(DailyStats.class, DailyStats.getClassSchema());
    public static final RecordType<Movers> MOVERS =
            new RecordType<>(Movers.class, Movers.getClassSchema());
    public static final RecordType<BookUpdate> BOOK_UPDATE =
            new RecordType<>(BookUpdate.class, BookUpdate.getClassSchema());
    public static final RecordType<OrderCommand> ORDER_COMMAND =
            new RecordType<>(OrderCommand.class, OrderCommand.getClassSchema());
    public static final RecordType<OrderRejected> ORDER_REJECTED =
            new RecordType<>(OrderRejected.class, OrderRejected.getClassSchema());
    public static final RecordType<ExecutionReport> EXECUTION_REPORT =
            new RecordType<>(ExecutionReport.class, ExecutionReport.getClassSchema());
    public static final RecordType<Signal> SIGNAL =
            new RecordType<>(Signal.class, Signal.getClassSchema());
    public static final RecordType<Recommendation> RECOMMENDATION =
            new RecordType<>(Recommendation.class, Recommendation.getClassSchema());
    public static final RecordType<Features> FEATURES =
            new RecordType<>(Features.class, Features.getClassSchema());
    public static final RecordType<ModelWeights> MODEL_WEIGHTS =
            new RecordType<>(ModelWeights.class, ModelWeights.getClassSchema());
    public static final RecordType<Alert> ALERT =
            new RecordType<>(Alert.class, Alert.getClassSchema());
    public static final RecordType<Instrument> INSTRUMENT =
            new RecordType<>(Instrument.class, Instrument.getClassSchema());
    public static final RecordType<Account> ACCOUNT =
            new RecordType<>(Account.class, Account.getClassSchema());
    public static final RecordType<RiskLimits> RISK_LIMITS =
            new RecordType<>(RiskLimits.class, RiskLimits.getClassSchema());
    public static final RecordType<RiskControl> RISK_CONTROL =
            new RecordType<>(RiskControl.class, RiskControl.getClassSchema());
    public static final RecordType<AuthEvent> AUTH_EVENT =
            new RecordType<>(AuthEvent.class, AuthEvent.getClassSchema());
    public static final RecordType<LookupRequest> LOOKUP_REQUEST =
            new RecordType<>(LookupRequest.class, LookupRequest.getClassSchema());
    public static final RecordType<LookupReply> LOOKUP_REPLY =
            new RecordType<>(LookupReply.class, LookupReply.getClassSchema());

    private static final List<RecordType<?>> ALL = List.of(TICK, BAR, DAILY_STATS, MOVERS, BOOK_UPDATE, ORDER_COMMAND,
            ORDER_REJECTED, EXECUTION_REPORT, SIGNAL, RECOMMENDATION, FEATURES, MODEL_WEIGHTS, ALERT, INSTRUMENT, ACCOUNT, RISK_LIMITS,
            RISK_CONTROL, AUTH_EVENT, LOOKUP_REQUEST, LOOKUP_REPLY);

    private static final Map<Class<?>, RecordType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(RecordType::javaClass, Function.identity()));

    private RecordTypes() {
    }

    public static List<RecordType<?>> all() {
        return ALL;
    }

    /** The type of a generated class, or an exception naming it when it is not a topic value. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> RecordType<T> of(Class<T> javaClass) {
        RecordType<?> type = BY_CLASS.get(javaClass);
        if (type == null) {
            throw new IllegalArgumentException(javaClass.getName() + " is not a topic value type");
        }
        return (RecordType<T>) type;
    }
}
