package dev.tickflow.risk.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.tickflow.model.RejectReason;

/**
 * Everything risk knows about the accounts of one partition, in memory, and its snapshot encoding (versioned binary:
 * a snapshot of an older version is read by the release that wrote it or by a later one that still knows it).
 */
public final class RiskState {

    private static final int VERSION = 1;

    public final Map<String, AccountState> accounts = new HashMap<>();
    /** Account to its positions by symbol (sorted, for stable views). */
    public final Map<String, TreeMap<String, Position>> positions = new HashMap<>();
    public final Map<String, OpenOrder> openOrders = new HashMap<>();
    public final CommandOutcomes outcomes;

    public RiskState(int outcomeCapacity) {
        this.outcomes = new CommandOutcomes(outcomeCapacity);
    }

    public AccountState account(String account) {
        return accounts.computeIfAbsent(account, AccountState::new);
    }

    public Position position(String account, String symbol) {
        return positions.computeIfAbsent(account, unused -> new TreeMap<>()).computeIfAbsent(symbol, name -> new Position(account, name));
    }

    public byte[] encode() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(accounts.size());
            for (AccountState account : accounts.values()) {
                out.writeUTF(account.accountId);
                out.writeBoolean(account.halted);
                writeNullable(out, account.haltReason);
                out.writeInt(account.openOrders);
                for (int bucket : account.rateBuckets) {
                    out.writeInt(bucket);
                }
                out.writeLong(account.rateLatestBucket);
            }
            int count = positions.values().stream().mapToInt(Map::size).sum();
            out.writeInt(count);
            for (TreeMap<String, Position> ofAccount : positions.values()) {
                for (Position position : ofAccount.values()) {
                    out.writeUTF(position.account);
                    out.writeUTF(position.symbol);
                    out.writeLong(position.quantity);
                    out.writeLong(position.costBasis);
                    out.writeLong(position.realizedPnl);
                    out.writeLong(position.openBuyQuantity);
                    out.writeLong(position.openSellQuantity);
                    out.writeLong(position.boughtQuantity);
                    out.writeLong(position.soldQuantity);
                    out.writeLong(position.lastFillMicros);
                }
            }
            out.writeInt(openOrders.size());
            for (OpenOrder order : openOrders.values()) {
                out.writeUTF(order.orderId);
                out.writeUTF(order.accountId);
                out.writeUTF(order.symbol);
                out.writeBoolean(order.buy);
                out.writeBoolean(order.limitPrice != null);
                out.writeLong(order.limitPrice == null ? 0 : order.limitPrice);
                out.writeLong(order.leaves);
                out.writeLong(order.filled);
                out.writeUTF(order.commandId);
            }
            out.writeInt(outcomes.size());
            for (Map.Entry<String, CommandOutcomes.Outcome> entry : outcomes.entries()) {
                out.writeUTF(entry.getKey());
                writeNullable(out, entry.getValue().reason() == null ? null : entry.getValue().reason().name());
                writeNullable(out, entry.getValue().message());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RiskState decode(byte[] snapshot, int outcomeCapacity) {
        RiskState state = new RiskState(outcomeCapacity);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("risk state version " + version + " is not one this release reads");
            }
            for (int i = in.readInt(); i > 0; i--) {
                AccountState account = new AccountState(in.readUTF());
                account.halted = in.readBoolean();
                account.haltReason = readNullable(in);
                account.openOrders = in.readInt();
                for (int b = 0; b < AccountState.RATE_BUCKETS; b++) {
                    account.rateBuckets[b] = in.readInt();
                }
                account.rateLatestBucket = in.readLong();
                state.accounts.put(account.accountId, account);
            }
            for (int i = in.readInt(); i > 0; i--) {
                Position position = state.position(in.readUTF(), in.readUTF());
                position.quantity = in.readLong();
                position.costBasis = in.readLong();
                position.realizedPnl = in.readLong();
                position.openBuyQuantity = in.readLong();
                position.openSellQuantity = in.readLong();
                position.boughtQuantity = in.readLong();
                position.soldQuantity = in.readLong();
                position.lastFillMicros = in.readLong();
            }
            for (int i = in.readInt(); i > 0; i--) {
                String orderId = in.readUTF();
                String account = in.readUTF();
                String symbol = in.readUTF();
                boolean buy = in.readBoolean();
                boolean priced = in.readBoolean();
                long price = in.readLong();
                OpenOrder order = new OpenOrder(orderId, account, symbol, buy, priced ? price : null, in.readLong(), in.readLong(),
                        in.readUTF());
                state.openOrders.put(orderId, order);
            }
            for (int i = in.readInt(); i > 0; i--) {
                String commandId = in.readUTF();
                String reason = readNullable(in);
                String message = readNullable(in);
                state.outcomes.put(commandId, reason == null ? CommandOutcomes.Outcome.ACCEPTED
                        : new CommandOutcomes.Outcome(RejectReason.valueOf(reason), message));
            }
            return state;
        } catch (IOException e) {
            throw new IllegalArgumentException("an unreadable risk snapshot: " + e.getMessage(), e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
