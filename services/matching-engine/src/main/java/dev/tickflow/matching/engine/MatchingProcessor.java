package dev.tickflow.matching.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tickflow.matching.book.BookListener;
import dev.tickflow.matching.book.CancelReason;
import dev.tickflow.matching.book.Order;
import dev.tickflow.matching.book.OrderBook;
import dev.tickflow.matching.state.EngineSymbol;
import dev.tickflow.matching.state.RestingOrder;
import dev.tickflow.model.BookUpdate;
import dev.tickflow.model.CancelOrder;
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
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The books of one task's symbols. Each accepted command runs against its symbol's in-memory book; what happened goes
 * out as execution reports (both sides, keyed by account), public trades (md.ticks) and L2 changes (md.book), and every
 * order the command touched is written to the store in the same transaction. After a crash the books are rebuilt
 * from that store exactly as they were at the last commit, and the uncommitted commands run again with the same
 * sequence numbers, so execution ids repeat rather than duplicate.
 */
final class MatchingProcessor implements Processor<String, OrderCommand, String, SpecificRecord> {

    static final String SERVICE = "matching-engine";
    private static final String VENUE = "TICKFLOW";

    private final TradingSession session;
    private final Map<String, SymbolBook> books = new HashMap<>();
    private final Map<String, Integer> owners = new HashMap<>();
    private final Set<OrderMeta> touched = new LinkedHashSet<>();
    private final EngineListener listener = new EngineListener();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, RestingOrder> resting;
    private KeyValueStore<String, EngineSymbol> symbols;
    private SymbolBook current;
    private OrderCommand command;
    private int executionsInCommand;

    MatchingProcessor(TradingSession session) {
        this.session = session;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        // Kafka Streams may initialise a processor again after closing it (a revived task): start from the stores only
        books.clear();
        owners.clear();
        touched.clear();
        resting = context.getStateStore(StoreNames.RESTING_ORDERS);
        symbols = context.getStateStore(StoreNames.SYMBOLS);
        rebuild();
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::expireDayOrders);
    }

    /** Puts every resting order of this task back in its book, in time priority. */
    private void rebuild() {
        List<RestingOrder> orders = new ArrayList<>();
        try (KeyValueIterator<String, RestingOrder> all = resting.all()) {
            all.forEachRemaining(entry -> orders.add(entry.value));
        }
        orders.sort(Comparator.comparingLong(RestingOrder::getSequence));
        try (KeyValueIterator<String, EngineSymbol> all = symbols.all()) {
            all.forEachRemaining(entry -> book(entry.key));
        }
        for (RestingOrder order : orders) {
            SymbolBook book = book(order.getSymbol());
            OrderMeta meta = new OrderMeta(order.getOrderId(), order.getAccount(), order.getClientOrderId(), order.getSymbol(),
                    order.getBuy() ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.valueOf(order.getTimeInForce()),
                    order.getBookId(), order.getCommandId());
            meta.filledNotional = order.getFilledNotional();
            book.ordersById.put(meta.orderId, meta);
            book.book.restore(order.getBookId(), owner(order.getAccount()), order.getBuy(), bookTif(meta.timeInForce), order.getPrice(),
                    order.getQuantity(), order.getFilled(), order.getSequence(), meta);
        }
        books.values().forEach(book -> book.book.nextSequence(book.state.getNextOrderSequence()));
    }

    @Override
    public void process(Record<String, OrderCommand> record) {
        command = record.value();
        if (command == null) {
            return;
        }
        current = book(command.getSymbol());
        current.state.setCommandSequence(current.state.getCommandSequence() + 1);
        executionsInCommand = 0;
        switch (command.getCommand()) {
            case NewOrder order -> submit(order);
            case CancelOrder cancel -> cancel();
            case ReplaceOrder replace -> replace(replace);
            default -> reject(RejectReason.INVALID_ORDER, "unknown command");
        }
        persist();
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
        long bookId = current.state.getNextBookId() + 1;
        current.state.setNextBookId(bookId);
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

    /** Writes what the command changed: resting orders as they now are, gone ones deleted, the symbol's counters. */
    private void persist() {
        for (OrderMeta meta : touched) {
            Order order = current.book.order(meta.bookId);
            if (order == null) {
                resting.delete(meta.storeKey());
                current.ordersById.remove(meta.orderId);
            } else {
                resting.put(meta.storeKey(), new RestingOrder(meta.orderId, meta.account, meta.clientOrderId, meta.symbol,
                        order.buy(), meta.timeInForce.name(), order.price(), order.quantity(), order.filled(), meta.filledNotional,
                        order.sequence(), meta.bookId, meta.commandId));
            }
        }
        touched.clear();
        current.state.setNextOrderSequence(current.book.nextSequence());
        symbols.put(current.state.getSymbol(), current.state);
    }

    private void publishBookChanges() {
        SymbolBook.Levels levels = current.changedLevels();
        if (levels == null) {
            return;
        }
        long sequence = current.state.getBookUpdateSequence() + 1;
        current.state.setBookUpdateSequence(sequence);
        symbols.put(current.state.getSymbol(), current.state);
        BookUpdate update = new BookUpdate(current.state.getSymbol(), sequence, levels.snapshot(), levels.bids(), levels.asks(), now());
        context.forward(new Record<>(update.getSymbol(), update, context.currentSystemTimeMs()));
    }

    /** At the first punctuation after the close, every DAY order of the session that closed expires. */
    private void expireDayOrders(long wallClockMillis) {
        String today = session.sessionDate(Instant.ofEpochMilli(wallClockMillis));
        for (SymbolBook book : books.values()) {
            if (today.compareTo(book.state.getSessionDate()) > 0) {
                current = book;
                command = null;
                executionsInCommand = 0;
                book.state.setCommandSequence(book.state.getCommandSequence() + 1);
                book.ordersById.values().forEach(touched::add);
                book.book.expireDayOrders();
                book.state.setSessionDate(today);
                persist();
                publishBookChanges();
                current = null;
            }
        }
    }

    private SymbolBook book(String symbol) {
        SymbolBook book = books.get(symbol);
        if (book == null) {
            EngineSymbol state = symbols.get(symbol);
            if (state == null) {
                state = new EngineSymbol(symbol, 0L, 0L, 1L, 0L, today());
            }
            book = new SymbolBook(new OrderBook(listener), state);
            books.put(symbol, book);
        }
        return book;
    }

    private int owner(String account) {
        return owners.computeIfAbsent(account, unused -> owners.size() + 1);
    }

    private String today() {
        return session.sessionDate(Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }

    private long now() {
        return EventTime.fromMillis(context.currentSystemTimeMs());
    }

    private String nextExecutionId() {
        return current.state.getSymbol() + "-" + current.state.getCommandSequence() + "-" + (++executionsInCommand);
    }

    private static dev.tickflow.matching.book.TimeInForce bookTif(TimeInForce timeInForce) {
        return dev.tickflow.matching.book.TimeInForce.valueOf(timeInForce.name());
    }

    private void emit(ExecutionReport report) {
        context.forward(new Record<>(report.getAccount(), report, context.currentSystemTimeMs()));
    }

    private void reject(RejectReason reason, String message) {
        OrderRejected rejected = OrderRejected.newBuilder().setCommandId(command.getCommandId()).setOrderId(command.getOrderId())
                .setAccount(command.getAccount()).setClientOrderId(command.getClientOrderId()).setSymbol(command.getSymbol())
                .setReason(reason).setMessage(message).setRejectedBy(SERVICE).setRejectedAtMicros(now()).build();
        context.forward(new Record<>(command.getAccount(), rejected, context.currentSystemTimeMs()));
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
                .setCounterpartyAccount(counterparty).setText(text).setBookSequence(current.state.getCommandSequence())
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
            String tradeId = current.state.getSymbol() + "-" + current.state.getCommandSequence() + "-t" + (executionsInCommand + 1);
            for (Order order : new Order[] {restingOrder, aggressor}) {
                OrderMeta meta = (OrderMeta) order.attachment();
                boolean isTaker = order == aggressor;
                meta.filledNotional = Math.addExact(meta.filledNotional, FixedPoint.notional(price, quantity));
                emit(report(meta, ExecType.TRADE, order.leaves() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED,
                        order.quantity(), order.market() ? null : order.price(), quantity, price, order.filled(), order.leaves(),
                        isTaker ? Liquidity.TAKER : Liquidity.MAKER, tradeId, isTaker ? maker.account : taker.account, null));
            }
            long time = now();
            Tick trade = Tick.newBuilder().setSymbol(current.state.getSymbol()).setPrice(price).setQuantity(quantity)
                    .setEventTimeMicros(time).setIngestTimeMicros(time).setSource(TickSource.MATCHING_ENGINE)
                    .setSide(aggressor.buy() ? Side.BUY : Side.SELL).setVenue(VENUE).setTradeId(tradeId).build();
            context.forward(new Record<>(trade.getSymbol(), trade, context.currentSystemTimeMs()));
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
}
