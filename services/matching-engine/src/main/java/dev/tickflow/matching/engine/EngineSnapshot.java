package dev.tickflow.matching.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tickflow.matching.book.Order;
import dev.tickflow.model.OrderType;
import dev.tickflow.model.Side;
import dev.tickflow.model.TimeInForce;

/**
 * The books of one partition as bytes (versioned binary): every resting order with its place in time, the counters,
 * the sessions, the self-trade owner numbers, the recent command ids and the last published top levels, so that a
 * restored machine continues exactly as the original would have, ids, book updates and all.
 */
final class EngineSnapshot {

    private static final int VERSION = 1;

    private EngineSnapshot() {
    }

    static byte[] encode(MatchingMachine machine) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            writeNullable(out, machine.sessionDate);
            out.writeInt(machine.owners.size());
            for (Map.Entry<String, Integer> owner : machine.owners.entrySet()) {
                out.writeUTF(owner.getKey());
                out.writeInt(owner.getValue());
            }
            out.writeInt(machine.recentCommands.size());
            for (String commandId : machine.recentCommands) {
                out.writeUTF(commandId);
            }
            out.writeInt(machine.books.size());
            for (SymbolBook book : machine.books.values()) {
                writeBook(out, book);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBook(DataOutputStream out, SymbolBook book) throws IOException {
        out.writeUTF(book.symbol);
        out.writeLong(book.commandSequence);
        out.writeLong(book.nextBookId);
        out.writeLong(book.book.nextSequence());
        out.writeLong(book.bookUpdateSequence);
        writeNullable(out, book.sessionDate);
        out.writeBoolean(book.snapshotPublished);
        for (long[] row : book.published) {
            for (long value : row) {
                out.writeLong(value);
            }
        }
        for (int[] row : book.publishedOrders) {
            for (int value : row) {
                out.writeInt(value);
            }
        }
        List<Order> resting = new ArrayList<>();
        book.book.forEachOrder(resting::add);
        out.writeInt(resting.size());
        for (Order order : resting) {
            OrderMeta meta = (OrderMeta) order.attachment();
            out.writeUTF(meta.orderId);
            out.writeUTF(meta.account);
            out.writeUTF(meta.clientOrderId);
            out.writeBoolean(meta.side == Side.BUY);
            out.writeUTF(meta.type.name());
            out.writeUTF(meta.timeInForce.name());
            out.writeLong(meta.bookId);
            writeNullable(out, meta.commandId);
            out.writeLong(meta.filledNotional);
            out.writeLong(order.price());
            out.writeLong(order.quantity());
            out.writeLong(order.filled());
            out.writeLong(order.sequence());
            out.writeInt(order.owner());
        }
    }

    static void restore(MatchingMachine machine, byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("matching state version " + version + " is not one this release reads");
            }
            machine.sessionDate = readNullable(in);
            for (int i = in.readInt(); i > 0; i--) {
                machine.owners.put(in.readUTF(), in.readInt());
            }
            for (int i = in.readInt(); i > 0; i--) {
                machine.recentCommands.add(in.readUTF());
            }
            for (int i = in.readInt(); i > 0; i--) {
                readBook(in, machine);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("an unreadable matching snapshot: " + e.getMessage(), e);
        }
    }

    private static void readBook(DataInputStream in, MatchingMachine machine) throws IOException {
        String symbol = in.readUTF();
        SymbolBook book = new SymbolBook(symbol, machine.newBook(), null);
        book.commandSequence = in.readLong();
        book.nextBookId = in.readLong();
        long nextSequence = in.readLong();
        book.bookUpdateSequence = in.readLong();
        book.sessionDate = readNullable(in);
        book.snapshotPublished = in.readBoolean();
        for (long[] row : book.published) {
            for (int i = 0; i < row.length; i++) {
                row[i] = in.readLong();
            }
        }
        for (int[] row : book.publishedOrders) {
            for (int i = 0; i < row.length; i++) {
                row[i] = in.readInt();
            }
        }
        // written best level first, oldest first within a level: restored in that order each level keeps its queue
        for (int i = in.readInt(); i > 0; i--) {
            String orderId = in.readUTF();
            String account = in.readUTF();
            String clientOrderId = in.readUTF();
            boolean buy = in.readBoolean();
            OrderType type = OrderType.valueOf(in.readUTF());
            TimeInForce timeInForce = TimeInForce.valueOf(in.readUTF());
            long bookId = in.readLong();
            String commandId = readNullable(in);
            OrderMeta meta = new OrderMeta(orderId, account, clientOrderId, symbol, buy ? Side.BUY : Side.SELL, type, timeInForce, bookId,
                    commandId);
            meta.filledNotional = in.readLong();
            long price = in.readLong();
            long quantity = in.readLong();
            long filled = in.readLong();
            long sequence = in.readLong();
            int owner = in.readInt();
            book.ordersById.put(orderId, meta);
            book.book.restore(bookId, owner, buy, MatchingMachine.bookTif(timeInForce), price, quantity, filled, sequence, meta);
        }
        book.book.nextSequence(nextSequence);
        machine.books.put(symbol, book);
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
