package dev.tickflow.model;

import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

/** One filled-in instance of every topic value type, for round trips. */
public final class SampleRecords {

    private static final long T0 = 1_763_771_400_123_456L;

    private SampleRecords() {
    }

    public static Tick tick() {
        return Tick.newBuilder().setSymbol("AAPL").setPrice(FixedPoint.parse("190.25")).setQuantity(100)
                .setEventTimeMicros(T0).setIngestTimeMicros(T0 + 50).setSource(TickSource.PUSH).setSide(Side.BUY)
                .setVenue("XNAS").setTradeId("t-1").build();
    }

    public static OrderCommand newOrder() {
        return OrderCommand.newBuilder().setCommandId("c-1").setOrderId("o-1").setAccount("alice").setClientOrderId("cl-1")
                .setSymbol("AAPL").setChannel(OrderChannel.REST).setSubmittedAtMicros(T0)
                .setCommand(NewOrder.newBuilder().setSide(Side.SELL).setType(OrderType.LIMIT).setTimeInForce(TimeInForce.DAY)
                        .setQuantity(10).setLimitPrice(FixedPoint.parse("191.5")).build())
                .build();
    }

    public static List<SpecificRecord> everyType() {
        BookLevel level = new BookLevel(FixedPoint.parse("190.24"), 300L, 2);
        MoverEntry mover = new MoverEntry("NVDA", FixedPoint.parse("120.5"), FixedPoint.parse("110"), 95_454L, 1_000L);
        Instrument instrument = Instrument.newBuilder().setSymbol("AAPL").setName("Apple Inc.").setCurrency("USD")
                .setTickSize(FixedPoint.parse("0.01")).setLotSize(1).setSector("Technology").setTradable(true)
                .setUpdatedAtMicros(T0).build();
        return List.of(
                tick(),
                Bar.newBuilder().setSymbol("AAPL").setIntervalSeconds(60).setWindowStartMicros(T0).setWindowEndMicros(T0 + 60_000_000)
                        .setOpen(1).setHigh(3).setLow(1).setClose(2).setVolume(10).setTurnover(20).setVwap(2).setTradeCount(3)
                        .setFirstEventTimeMicros(T0).setLastEventTimeMicros(T0 + 1).setClosed(true).setEnriched(false).build(),
                DailyStats.newBuilder().setSymbol("AAPL").setTradingDate("2026-11-22").setOpen(1).setHigh(2).setLow(1).setLast(2)
                        .setPreviousClose(null).setChangePpm(1_000_000).setVolume(5).setTurnover(8).setTradeCount(2)
                        .setLastEventTimeMicros(T0).setFirstEventTimeMicros(T0 - 5).setLastQuantity(3).setLastSide(Side.SELL)
                        .setLastVenue("XNAS").build(),
                new Movers("2026-11-22", T0, List.of(mover), List.of()),
                new BookUpdate("AAPL", 7L, false, List.of(level), List.of(), T0),
                newOrder(),
                OrderCommand.newBuilder(newOrder()).setCommandId("c-2").setCommand(new CancelOrder("user")).build(),
                OrderCommand.newBuilder(newOrder()).setCommandId("c-3").setCommand(new ReplaceOrder(5L, null)).build(),
                OrderRejected.newBuilder().setCommandId("c-1").setOrderId("o-1").setAccount("alice").setClientOrderId("cl-1")
                        .setSymbol("AAPL").setReason(RejectReason.PRICE_COLLAR).setMessage("limit 250 is 31% from last 190.25")
                        .setRejectedBy("risk").setRejectedAtMicros(T0).build(),
                ExecutionReport.newBuilder().setExecutionId("AAPL-7-1").setOrderId("o-1").setCommandId("c-1").setAccount("alice")
                        .setClientOrderId("cl-1").setSymbol("AAPL").setSide(Side.SELL).setOrderType(OrderType.LIMIT)
                        .setTimeInForce(TimeInForce.DAY).setExecType(ExecType.TRADE).setOrderStatus(OrderStatus.PARTIALLY_FILLED)
                        .setOrderQuantity(10).setLimitPrice(FixedPoint.parse("191.5")).setLastQuantity(4)
                        .setLastPrice(FixedPoint.parse("191.5")).setCumulativeQuantity(4).setLeavesQuantity(6)
                        .setAveragePrice(FixedPoint.parse("191.5")).setLiquidity(Liquidity.MAKER).setTradeId("AAPL-7")
                        .setCounterpartyAccount("bob").setText(null).setBookSequence(7).setTransactTimeMicros(T0).build(),
                new Signal("s-1", "AAPL", "ma-crossover", SignalDirection.UP, 0.75, Map.of("fast", "190.1", "slow", "189.9"), T0, T0),
                new Recommendation("AAPL", RecommendedAction.BUY, 0.6, 0.58, List.of("ma-crossover up"), T0, T0),
                new Features("AAPL", T0, FixedPoint.parse("190.25"), Map.of("return1", 0.001, "rsi", 55.5), T0 + 1),
                new ModelWeights("*", List.of("return1", "rsi"), List.of(0.5, -0.25), 0.01, List.of(0.0, 50.0), List.of(1e-6, 100.0),
                        1_000L, "history-batch", T0),
                Alert.newBuilder().setAlertId("a-1").setType(AlertType.SPOOFING).setSeverity(Severity.WARNING).setAccount("mallory")
                        .setSymbol("AAPL").setDescription("3 large orders cancelled within 2 s").setEvidence(
                                List.of(new Evidence("order", "o-9", T0, "BUY 10000 @ 180")))
                        .setWindowStartMicros(T0).setWindowEndMicros(T0 + 1).setDetectedAtMicros(T0 + 2).build(),
                instrument,
                Account.newBuilder().setAccountId("alice").setDisplayName("Alice \"A\" Trader").setTokenHash("ab".repeat(32))
                        .setStatus(AccountStatus.ACTIVE).setOwnerGroup("alice").setUpdatedAtMicros(T0).build(),
                new RiskLimits("alice", 10_000L, FixedPoint.parse("1000000"), 50_000L, 100, 50, 1_000, T0),
                new AuthEvent("e-1", "alice", AuthOutcome.FAILURE, "bad token", "127.0.0.1", "rest", T0),
                new RiskControl("alice", true, "runaway algo", "ops", T0),
                new LookupRequest("r-1", LookupKind.TERM_DEFINITION, "VWAP", "fr", T0, T0 + 1_000_000),
                new LookupReply("r-1", LookupStatus.OK, List.of(instrument), "Prix moyen pondéré", null, T0));
    }
}
