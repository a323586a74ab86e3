package dev.tickflow.matching.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import dev.tickflow.matching.book.BookListener;
import dev.tickflow.matching.book.CancelReason;
import dev.tickflow.matching.book.Order;
import dev.tickflow.matching.book.OrderBook;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.CancelOrder;
import dev.tickflow.model.CloseSession;
import dev.tickflow.model.EventTime;
import dev.tickflow.model.ExecType;
import dev.tickflow.model.ExecutionReport;
import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Liquidity;
import dev.tickflow.model.NewOrder;
import dev.tickflow.model.OrderCommand;
import dev.tickflow.model.OrderRejected;
import dev.tickflow.model.OrderStatus;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.RejectReason;
import dev.tickflow.model.ReplaceOrder;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.TimeInForce;
import dev.tickflow.model.serde.RecordTypes;
import dev.tickflow.model.topic.TopicNames;
import dev.tickflow.sequencer.Input;
import dev.tickflow.sequencer.Outputs;
import dev.tickflow.sequencer.StateMachine;

/**
 * The books of one orders.accepted partition. Each command runs against its symbol's in-memory book; what happened goes
 * out as execution reports (both sides, keyed by account), public trades (md.ticks) and L2 changes (md.book).
 *
 * <p>Deterministic: ids come from per-symbol counters (execution {@code SYMBOL-<seq>-<n>}, trade {@code SYMBOL-<seq>-t<n>}),
 * and time from the commands: a command accepted in a later trading session than the books' first expires the DAY
 * orders of the sessions before, as does a {@link CloseSession} the engine's clock writes at the close. Only the
 * reports' and trades' timestamps are the wall clock's, and nothing is decided by them. A command id seen before (a
 * repeat from upstream) is dropped: its outcome went out the first time.
 */
final class MatchingMachine implements StateMachine {

    static final String SERVICE = "matching-engine";
    private static final String VENUE = "TICKFLOW";
    static final int REMEMBERED_COMMANDS = 50_000;

    private final TradingSession session;
    private final LongSupplier nowMicros;
    final Map<String, SymbolBook> books = new TreeMap<>();
    final Map<String, Integer> owners = new HashMap<>();
    final LinkedHashSet<String> recentCommands = new LinkedHashSet<>();
    /** The latest trading session any command showed; new books start in it. */
    String sessionDate;
    private final Set<OrderMeta> touched = new LinkedHashSet<>();
    private final EngineListener listener = new EngineListener();
    private Outputs outputs;
    private SymbolBook current;
    private OrderCommand command;
    private int executionsInCommand;

    MatchingMachine(TradingSession session, LongSupplier nowMicros) {
        this.session = session;
        this.nowMicros = nowMicros;
    }

    OrderBook newBook() {
        return new OrderBook(listener);
    }

    @Override
    public byte[] snapshot() {
        return EngineSnapshot.encode(this);
    }

    @Override
    public void apply(Input input, Outputs out) {
        if (input.value() == null) {
            throw new IllegalArgumentException("an empty record (tombstone) is not a command");
        }
        OrderCommand decoded = RecordTypes.ORDER_COMMAND.decode(input.value());
        outputs = out;
        try {
            if (decoded.getCommand() instanceof CloseSession close) {
                advanceSession(close.getSessionDate());
                return;
            }
            if (!recentCommands.add(decoded.getCommandId())) {
                return;
            }
            if (recentCommands.size() > REMEMBERED_COMMANDS) {
                Iterator<String> oldest = recentCommands.iterator();
                oldest.next();
                oldest.remove();
            }
            long at = decoded.getAcceptedAtMicros() != null ? decoded.getAcceptedAtMicros() : EventTime.fromMillis(input.timestamp());
            advanceSession(session.sessionDate(EventTime.toInstant(at)));
            process(decoded);
        } finally {
            outputs = null;
        }
    }

    /** A command the engine failed on is refused to its account (risk then frees the order's slot). */
    @Override
    public void failed(Input input, RuntimeException cause, Outputs out) {
        if (input.value() == null) {
            return;
        }
        OrderCommand failed = RecordTypes.ORDER_COMMAND.decode(input.value());
        if (failed.getCommand() instanceof CloseSession || failed.getAccount() == null || failed.getAccount().isEmpty()) {
            return;
        }
        OrderRejected rejected = OrderRejected.newBuilder().setCommandId(failed.getCommandId()).setOrderId(failed.getOrderId())
                .setAccount(failed.getAccount()).setClientOrderId(failed.getClientOrderId()).setSymbol(failed.getSymbol())
                .setReason(RejectReason.OTHER).setMessage("the matching engine could not process the command ("
                        + cause.getClass().getSimpleName() + "); it went to orders.accepted.dlq")
                .setRejectedBy(SERVICE).setRejectedAtMicros(now()).build();
        out.send(TopicNames.ORDERS_REJECTED, failed.getAccount(), RecordTypes.ORDER_REJECTED.encode(rejected));
    }

    private void process(OrderCommand next) {
        command = next;
        current = book(command.getSymbol());
        current.commandSequence++;
        executionsInCommand = 0;
        switch (command.getCommand()) {
            case NewOrder order -> submit(order);
            case CancelOrder cancel -> cancel();
            case ReplaceOrder replace -> replace(replace);
            default -> reject(RejectReason.INVALID_ORDER, "unknown command");
        }
        forgetGone();
        publishBookChanges();
        command = null;
        current = null;
    }

    private void submit(NewOrder order) {
        if (current.ordersById.containsKey(command.getOrderId())) {
            reject(RejectReason.INVALID_ORDER, "order " + command.getOrderId() + " is already in the book");
            return;
        }
        boolean market = order.getType() == OrderType.MARKET;
        if (!market && order.getLimitPrice() == null || order.getQuantity() <= 0) {
            reject(RejectReason.INVALID_ORDER, "a limit order needs a price and every order a positive quantity");
            return;
        }
        long bookId = ++current.nextBookId;
        OrderMeta meta = new OrderMeta(command.getOrderId(), command.getAccount(), command.getClientOrderId(), command.getSymbol(),
                order.getSide(), order.getType(), market ? TimeInForce.IOC : order.getTimeInForce(), bookId, command.getCommandId());
        current.ordersById.put(meta.orderId, meta);
        long price = market ? 0 : order.getLimitPrice();
        emit(report(meta, ExecType.NEW, OrderStatus.NEW, order.getQuantity(), market ? null : price, 0, null, 0, order.getQuantity(), null,
                null, null, null));
        touched.add(meta);
        current.book.submit(bookId, owner(meta.account), order.getSide() == Side.BUY, market, bookTif(meta.timeInForce), price,
                order.getQuantity(), meta);
    }

    private void cancel() {
        OrderMeta meta = current.ordersById.get(command.getOrderId());
        if (meta == null || !meta.account.equals(command.getAccount())) {
            reject(RejectReason.ORDER_NOT_ACTIVE, "order " + command.getOrderId() + " is not in the book");
            return;
        }
        meta.commandId = command.getCommandId();
        touched.add(meta);
        current.book.cancel(meta.bookId, CancelReason.REQUESTED);
    }

    private void replace(ReplaceOrder replace) {
        OrderMeta meta = current.ordersById.get(command.getOrderId());
        Order order = meta == null ? null : current.book.order(meta.bookId);
        if (order == null || !meta.account.equals(command.getAccount())) {
            reject(RejectReason.ORDER_NOT_ACTIVE, "order " + command.getOrderId() + " is not in the book");
            return;
        }
        long price = replace.getLimitPrice() != null ? replace.getLimitPrice() : order.price();
        long quantity = replace.getQuantity() != null ? replace.getQuantity() : order.quantity();
        if (quantity <= order.filled()) {
            // refused before the order is touched: its later reports keep carrying the command that last changed it
            reject(RejectReason.INVALID_ORDER, "the new quantity must exceed the " + order.filled() + " already filled");
            return;
        }
        meta.commandId = command.getCommandId();
        touched.add(meta);
        current.book.replace(meta.bookId, price, quantity);
    }

    /** Orders the command ended (filled, cancelled, swept) leave the id map. */
    private void forgetGone() {
        for (OrderMeta meta : touched) {
            if (current.book.order(meta.bookId) == null) {
                current.ordersById.remove(meta.orderId);
            }
        }
        touched.clear();
    }

    private void publishBookChanges() {
        SymbolBook.Levels levels = current.changedLevels();
        if (levels == null) {
            return;
        }
        long sequence = ++current.bookUpdateSequence;
        BookUpdate update = new BookUpdate(current.symbol, sequence, levels.snapshot(), levels.bids(), levels.asks(), now());
        outputs.send(TopicNames.MD_BOOK, update.getSymbol(), RecordTypes.BOOK_UPDATE.encode(update));
    }

    /** A new trading session has begun: the DAY orders of every book still in an earlier one expire, in symbol order. */
    private void advanceSession(String date) {
        if (sessionDate == null || date.compareTo(sessionDate) > 0) {
            sessionDate = date;
        }
        for (SymbolBook book : books.values()) {
            if (date.compareTo(book.sessionDate) > 0) {
                current = book;
                command = null;
                executionsInCommand = 0;
                book.commandSequence++;
                book.ordersById.values().forEach(touched::add);
                book.book.expireDayOrders();
                book.sessionDate = date;
                forgetGone();
                publishBookChanges();
                current = null;
            }
        }
    }

    private SymbolBook book(String symbol) {
        return books.computeIfAbsent(symbol, name -> new SymbolBook(name, newBook(), sessionDate));
    }

    int owner(String account) {
        return owners.computeIfAbsent(account, unused -> owners.size() + 1);
    }

    /** The books' earliest session, for the clock that writes {@link CloseSession}; null with no books. */
    String oldestSession() {
        return books.values().stream().map(book -> book.sessionDate).min(String::compareTo).orElse(null);
    }

    private long now() {
        return nowMicros.getAsLong();
    }

    private String nextExecutionId() {
        return current.symbol + "-" + current.commandSequence + "-" + (++executionsInCommand);
    }

    static dev.tickflow.matching.book.TimeInForce bookTif(TimeInForce timeInForce) {
        return dev.tickflow.matching.book.TimeInForce.valueOf(timeInForce.name());
    }

    private void emit(ExecutionReport report) {
        outputs.send(TopicNames.EXECUTIONS, report.getAccount(), RecordTypes.EXECUTION_REPORT.encode(report));
    }

    private void reject(RejectReason reason, String message) {
        OrderRejected rejected = OrderRejected.newBuilder().setCommandId(command.getCommandId()).setOrderId(command.getOrderId())
                .setAccount(command.getAccount()).setClientOrderId(command.getClientOrderId()).setSymbol(command.getSymbol())
                .setReason(reason).setMessage(message).setRejectedBy(SERVICE).setRejectedAtMicros(now()).build();
        outputs.send(TopicNames.ORDERS_REJECTED, command.getAccount(), RecordTypes.ORDER_REJECTED.encode(rejected));
    }

    private ExecutionReport report(OrderMeta meta, ExecType type, OrderStatus status, long quantity, Long limitPrice, long lastQuantity,
            Long lastPrice, long cumulative, long leaves, Liquidity liquidity, String tradeId, String counterparty, String text) {
        Long average = cumulative == 0 ? null : FixedPoint.divideHalfEven(meta.filledNotional, cumulative);
        return ExecutionReport.newBuilder().setExecutionId(nextExecutionId()).setOrderId(meta.orderId)
                .setCommandId(meta.commandId == null ? "expiry" : meta.commandId).setAccount(meta.account)
                .setClientOrderId(meta.clientOrderId).setSymbol(meta.symbol).setSide(meta.side).setOrderType(meta.type)
                .setTimeInForce(meta.timeInForce).setExecType(type).setOrderStatus(status).setOrderQuantity(quantity)
                .setLimitPrice(limitPrice).setLastQuantity(lastQuantity).setLastPrice(lastPrice).setCumulativeQuantity(cumulative)
                .setLeavesQuantity(leaves).setAveragePrice(average).setLiquidity(liquidity).setTradeId(tradeId)
                .setCounterpartyAccount(counterparty).setText(text).setBookSequence(current.commandSequence)
                .setTransactTimeMicros(now()).build();
    }

    /** Turns the book's events into reports for the current command. */
    private final class EngineListener implements BookListener {

        @Override
        public void onTrade(Order aggressor, Order restingOrder, long price, long quantity) {
            OrderMeta taker = (OrderMeta) aggressor.attachment();
            OrderMeta maker = (OrderMeta) restingOrder.attachment();
            touched.add(taker);
            touched.add(maker);
            String tradeId = current.symbol + "-" + current.commandSequence + "-t" + (executionsInCommand + 1);
            for (Order order : new Order[] {restingOrder, aggressor}) {
                OrderMeta meta = (OrderMeta) order.attachment();
                boolean isTaker = order == aggressor;
                meta.filledNotional = Math.addExact(meta.filledNotional, FixedPoint.notional(price, quantity));
                emit(report(meta, ExecType.TRADE, order.leaves() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED,
                        order.quantity(), order.market() ? null : order.price(), quantity, price, order.filled(), order.leaves(),
                        isTaker ? Liquidity.TAKER : Liquidity.MAKER, tradeId, isTaker ? maker.account : taker.account, null));
            }
            long time = now();
            Tick trade = Tick.newBuilder().setSymbol(current.symbol).setPrice(price).setQuantity(quantity)
                    .setEventTimeMicros(time).setIngestTimeMicros(time).setSource(TickSource.MATCHING_ENGINE)
                    .setSide(aggressor.buy() ? Side.BUY : Side.SELL).setVenue(VENUE).setTradeId(tradeId).build();
            outputs.send(TopicNames.MD_TICKS, trade.getSymbol(), RecordTypes.TICK.encode(trade));
        }

        @Override
        public void onRested(Order order) {
            touched.add((OrderMeta) order.attachment());
        }

        @Override
        public void onCancelled(Order order, CancelReason reason) {
            OrderMeta meta = (OrderMeta) order.attachment();
            touched.add(meta);
            boolean expired = reason == CancelReason.EXPIRED;
            emit(report(meta, expired ? ExecType.EXPIRED : ExecType.CANCELED, expired ? OrderStatus.EXPIRED : OrderStatus.CANCELED,
                    order.quantity(), order.market() ? null : order.price(), 0, null, order.filled(), 0, null, null, null, reason.name()));
        }

        @Override
        public void onReplaced(Order order, boolean keptPriority) {
            OrderMeta meta = (OrderMeta) order.attachment();
            touched.add(meta);
            emit(report(meta, ExecType.REPLACED, order.filled() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW, order.quantity(),
                    order.price(), 0, null, order.filled(), order.leaves(), null, null, null,
                    keptPriority ? "kept priority" : "lost priority"));
        }
    }

    /** For the clock: the session that is open at this instant. */
    String sessionAt(Instant instant) {
        return session.sessionDate(instant);
    }
}
