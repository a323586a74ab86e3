package dev.tickflow.sequencer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A {@link Ledger} group fed from simulated logs the way the runtime feeds it: records arrive in chunks of random size
 * from one input or the other, outputs are acknowledged now and then, an upstream writer ("bank/0") tags the money it
 * sends, and refunds follow accepted commands as executions follow accepted orders. It can crash and recover.
 */
final class LedgerRun {

    static final String SERVICE = "ledger";
    static final List<String> INPUTS = List.of("commands", "money");
    static final List<String> OUTPUTS = List.of(Ledger.ACCEPTED, Ledger.REFUSED);

    final SimulatedKafka kafka = new SimulatedKafka(Map.of(Ledger.ACCEPTED, 3, Ledger.REFUSED, 1));
    final AtomicLong limit = new AtomicLong(40);
    final SplittableRandom random;
    final Map<String, Long> amounts = new LinkedHashMap<>();
    final Set<String> refunded = new HashSet<>();
    final Map<Long, Long> credits = new HashMap<>();
    private final long[] offered = {0, 0};
    private long bankKey;
    PartitionGroup group;
    Ledger ledger;
    GroupState snapshot;

    LedgerRun(long seed, int commandCount) {
        random = new SplittableRandom(seed);
        for (int i = 0; i < commandCount; i++) {
            String id = "c" + i;
            long amount = 1 + random.nextInt(40);
            amounts.put(id, amount);
            kafka.append("commands", 0, id, Long.toString(amount), 1_000 + i * 10L, null);
        }
        credit(150);
        start(GroupState.empty(INPUTS.size()), ReplayPlan.none());
    }

    void start(GroupState state, ReplayPlan plan) {
        ledger = new Ledger(limit::get, state.machine());
        group = new PartitionGroup(SERVICE, 0, INPUTS, ledger, state, plan);
        for (int i = 0; i < offered.length; i++) {
            offered[i] = Math.max(0, state.positions()[i]);
        }
    }

    /** One round: upstream writes, some records delivered, the group drains, maybe acknowledgements. */
    void pump(double acknowledgeChance) {
        if (random.nextInt(4) == 0) {
            credit(1 + random.nextInt(30));
        }
        for (ConsumerRecord<byte[], byte[]> accepted : acceptedSoFar()) {
            String id = new String(accepted.key(), StandardCharsets.UTF_8);
            if (!refunded.contains(id) && random.nextInt(3) == 0) {
                refunded.add(id);
                money("r:" + id);
            }
        }
        int input = random.nextInt(2);
        offer(input, 1 + random.nextInt(6));
        group.drain(kafka, index -> offered[index]);
        if (random.nextDouble() < acknowledgeChance) {
            kafka.acknowledgeAll();
        }
    }

    /** Delivers up to {@code count} more records of an input. */
    void offer(int input, int count) {
        List<ConsumerRecord<byte[], byte[]>> log = kafka.log(INPUTS.get(input), 0);
        for (int i = 0; i < count && offered[input] < log.size(); i++) {
            group.offer(input, log.get((int) offered[input]++));
        }
    }

    /** Delivers everything there is, money first: a free interleaving would take the refunds before their commands. */
    void offerEverythingMoneyFirst() {
        offer(1, Integer.MAX_VALUE);
        offer(0, Integer.MAX_VALUE);
    }

    void drain() {
        group.drain(kafka, index -> offered[index]);
    }

    boolean commandsLeft() {
        return offered[0] < kafka.log("commands", 0).size() || group.buffered(0) > 0;
    }

    /** Snapshots as the runtime does: once every output sent so far is acknowledged. */
    void snapshot() {
        kafka.acknowledgeAll();
        snapshot = GroupState.decode(group.capture(kafka.acknowledged()).encode());
    }

    /** The writer dies mid-flight and comes back from its last snapshot, following what it had written. */
    void crashAndRecover() {
        kafka.crash(random);
        GroupState restored = snapshot == null ? GroupState.empty(INPUTS.size()) : snapshot;
        ReplayPlan plan = ReplayPlan.of(PartitionGroup.sourceOf(SERVICE, 0), restored.positions(),
                kafka.scan(restored.scanFrom(), OUTPUTS));
        start(restored, plan);
    }

    /** Like {@link #crashAndRecover} but replaying blindly from the snapshot: what the checks must catch. */
    void crashAndReplayBlindly() {
        kafka.crash(random);
        start(snapshot == null ? GroupState.empty(INPUTS.size()) : snapshot, ReplayPlan.none());
    }

    /** Writes a money record again with the tag it had: a repeat from an upstream writer that crashed. */
    void repeatMoney(int fromEnd) {
        List<ConsumerRecord<byte[], byte[]>> log = kafka.log("money", 0);
        ConsumerRecord<byte[], byte[]> original = log.get(log.size() - 1 - fromEnd);
        kafka.append("money", 0, null, new String(original.value(), StandardCharsets.UTF_8), original.timestamp(),
                new RecordHeaders(original.headers().toArray()));
    }

    private void credit(long amount) {
        credits.put(bankKey + 1, amount);
        money("+" + amount);
    }

    private void money(String value) {
        RecordHeaders headers = new RecordHeaders();
        bankKey++;
        new SequenceTag("bank/0", bankKey, 0, 0, new long[] {bankKey}).writeTo(headers);
        // timestamps older than every command's: only the recorded order keeps a refund after its command
        kafka.append("money", 0, null, value, 0, headers);
    }

    List<ConsumerRecord<byte[], byte[]>> acceptedSoFar() {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            all.addAll(kafka.log(Ledger.ACCEPTED, p));
        }
        return all;
    }

    /** Delivers and processes whatever is left, acknowledging everything. */
    void finish() {
        offer(0, Integer.MAX_VALUE);
        offer(1, Integer.MAX_VALUE);
        drain();
        kafka.acknowledgeAll();
    }
}
