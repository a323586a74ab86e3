package dev.tickflow.sequencer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A small state machine with what makes risk hard to replay: a decision per command that depends on state moved by a
 * second input (credits), a feedback input caused by its own outputs (refunds of accepted commands, as executions follow
 * accepted orders) and a limit read from outside the inputs (as risk reads reference prices).
 *
 * <p>Input 0, commands: key = id, value = amount; accepted (to {@code accepted}, keyed by id) when the balance covers it
 * and it is within the limit, else refused (to {@code refused}). Input 1, money: value {@code +amount} credits,
 * {@code r:id} refunds an accepted command still open. No output.
 */
final class Ledger implements StateMachine {

    static final String ACCEPTED = "accepted";
    static final String REFUSED = "refused";

    private final LongSupplier limit;
    private final String accepted;
    private final String refused;
    long balance;
    final Map<String, Long> open = new HashMap<>();

    Ledger(LongSupplier limit, byte[] snapshot) {
        this("", limit, snapshot);
    }

    /** Writing to {@code <prefix>accepted} and {@code <prefix>refused}. */
    Ledger(String prefix, LongSupplier limit, byte[] snapshot) {
        this.limit = limit;
        this.accepted = prefix + ACCEPTED;
        this.refused = prefix + REFUSED;
        if (snapshot != null) {
            ByteBuffer in = ByteBuffer.wrap(snapshot);
            balance = in.getLong();
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[in.getInt()];
                in.get(id);
                open.put(new String(id, StandardCharsets.UTF_8), in.getLong());
            }
        }
    }

    @Override
    public void apply(Input input, Outputs outputs) {
        String value = new String(input.value(), StandardCharsets.UTF_8);
        if (input.topicIndex() == 1) {
            if (value.startsWith("r:")) {
                Long amount = open.remove(value.substring(2));
                if (amount != null) {
                    balance += amount;
                }
            } else {
                balance += Long.parseLong(value.substring(1));
            }
            return;
        }
        String id = new String(input.key(), StandardCharsets.UTF_8);
        long amount = Long.parseLong(value);
        boolean accept;
        if (!input.recorded().isEmpty()) {
            accept = input.recorded().getFirst().topic().equals(accepted);
        } else {
            accept = amount <= balance && amount <= limit.getAsLong();
        }
        if (accept) {
            balance -= amount;
            open.put(id, amount);
        }
        outputs.send(accept ? accepted : refused, id, input.value());
    }

    @Override
    public byte[] snapshot() {
        ByteBuffer out = ByteBuffer.allocate(12 + open.size() * 64);
        out.putLong(balance).putInt(open.size());
        open.forEach((id, amount) -> {
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            out.putInt(bytes.length).put(bytes).putLong(amount);
        });
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }
}
