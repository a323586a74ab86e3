package dev.tickflow.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exactly-once effect without transactions, on simulated logs: after any crash, every command has exactly one
 * outcome on the output partitions, no partition holds an output twice, and the recovered state is exactly what the
 * written outputs and the inputs imply.
 */
class ReplayAndDedupeTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aCrashAfterOutputsBeforeTheNextSnapshotWritesNothingTwice(long seed) {
        LedgerRun run = new LedgerRun(seed, 300);
        for (int round = 0; round < 120; round++) {
            run.pump(0.5);
            if (round == 40) {
                run.snapshot();
            }
        }
        run.kafka.acknowledgeAll();
        run.crashAndRecover();
        assertThat(run.group.live()).as("outputs written after the snapshot are followed").isFalse();
        while (run.commandsLeft()) {
            run.pump(0.5);
        }
        run.finish();
        assertThat(run.group.muted()).as("what the first run wrote after its snapshot is muted").isPositive();
        assertExactlyOnce(run);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void aCrashMidBatchRewritesWhatWasLostAndOnlyThat(long seed) {
        LedgerRun run = new LedgerRun(seed, 300);
        for (int round = 0; round < 60; round++) {
            run.pump(0.5);
        }
        run.snapshot();
        for (int round = 0; round < 60; round++) {
            // nothing acknowledged: at the crash each output partition keeps a random prefix of a long flight
            run.pump(0.0);
        }
        run.crashAndRecover();
        while (run.commandsLeft()) {
            run.pump(0.5);
        }
        run.finish();
        assertExactlyOnce(run);
    }

    @Test
    void repeatedInputFromAnUpstreamWriterIsTakenOnce() {
        LedgerRun run = new LedgerRun(21, 200);
        for (int round = 0; round < 80; round++) {
            run.pump(0.5);
        }
        run.repeatMoney(0);
        run.repeatMoney(3);
        run.repeatMoney(1);
        for (int round = 0; round < 20; round++) {
            run.pump(0.5);
        }
        run.snapshot();
        run.repeatMoney(2);
        while (run.commandsLeft()) {
            run.pump(0.5);
        }
        run.finish();
        assertThat(run.group.duplicates()).isEqualTo(4);
        assertExactlyOnce(run);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void aReplayFollowsTheRecordedInterleavingOfItsInputsAndTheRecordedDecisions(long seed) {
        LedgerRun run = new LedgerRun(seed, 300);
        for (int round = 0; round < 50; round++) {
            run.pump(0.5);
        }
        run.snapshot();
        for (int round = 0; round < 80; round++) {
            run.pump(0.3);
        }
        run.crashAndRecover();
        // Everything at once, refunds first (they are older by timestamp), and a tighter limit than the first run
        // decided under: only the recorded order and the recorded decisions reproduce the state the outputs imply.
        run.limit.set(5);
        run.offerEverythingMoneyFirst();
        run.drain();
        assertThat(run.group.live()).isTrue();
        while (run.commandsLeft()) {
            run.pump(0.5);
        }
        run.finish();
        assertExactlyOnce(run);
    }

    @Test
    void twoCrashesInARowRecoverFromTheSameSnapshot() {
        LedgerRun run = new LedgerRun(41, 300);
        for (int round = 0; round < 60; round++) {
            run.pump(0.5);
        }
        run.snapshot();
        for (int round = 0; round < 40; round++) {
            run.pump(0.4);
        }
        run.crashAndRecover();
        run.offer(0, 5);
        run.offer(1, 5);
        run.drain();
        run.crashAndRecover();
        while (run.commandsLeft()) {
            run.pump(0.5);
        }
        run.finish();
        assertExactlyOnce(run);
    }

    /** The checks can fail: a blind replay from the snapshot (no muting, free order) breaks them. */
    @Test
    void aBlindReplayWouldWriteOutcomesTwice() {
        LedgerRun run = new LedgerRun(51, 300);
        for (int round = 0; round < 50; round++) {
            run.pump(0.5);
        }
        run.snapshot();
        for (int round = 0; round < 80; round++) {
            run.pump(0.5);
        }
        run.crashAndReplayBlindly();
        while (run.commandsLeft()) {
            run.pump(0.5);
        }
        run.finish();
        assertThat(outcomesPerCommand(run).values()).anyMatch(count -> count > 1);
    }

    private static Map<String, Integer> outcomesPerCommand(LedgerRun run) {
        Map<String, Integer> outcomes = new HashMap<>();
        for (String topic : LedgerRun.OUTPUTS) {
            for (int p = 0; p < run.kafka.partitions(topic); p++) {
                for (ConsumerRecord<byte[], byte[]> record : run.kafka.log(topic, p)) {
                    outcomes.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum);
                }
            }
        }
        return outcomes;
    }

    private static void assertExactlyOnce(LedgerRun run) {
        Map<String, Integer> outcomes = outcomesPerCommand(run);
        assertThat(outcomes.keySet()).as("every command decided").isEqualTo(run.amounts.keySet());
        assertThat(outcomes.values()).as("every command decided once").allMatch(count -> count == 1);
        for (String topic : LedgerRun.OUTPUTS) {
            for (int p = 0; p < run.kafka.partitions(topic); p++) {
                // a reader of the partition takes every output once through the filter consumers use
                RepeatFilter reader = new RepeatFilter();
                Set<String> marks = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : run.kafka.log(topic, p)) {
                    SequenceTag tag = SequenceTag.readFrom(record.headers());
                    assertThat(marks.add(tag.key() + "." + tag.index())).as("%s-%d holds %s once", topic, p, tag).isTrue();
                    assertThat(reader.firstTime(tag)).as("%s-%d: %s taken", topic, p, tag).isTrue();
                }
            }
        }
        Set<String> accepted = new HashSet<>();
        long spent = 0;
        for (ConsumerRecord<byte[], byte[]> record : run.acceptedSoFar()) {
            String id = new String(record.key(), StandardCharsets.UTF_8);
            accepted.add(id);
            spent += run.amounts.get(id);
        }
        long refunds = run.refunded.stream().mapToLong(run.amounts::get).sum();
        long credits = run.credits.values().stream().mapToLong(Long::longValue).sum();
        Set<String> open = new HashSet<>(accepted);
        open.removeAll(run.refunded);
        assertThat(run.refunded).as("only accepted commands are refunded").isSubsetOf(accepted);
        assertThat(run.ledger.open.keySet()).as("open commands").isEqualTo(open);
        assertThat(run.ledger.balance).as("balance = credits - accepted + refunds").isEqualTo(credits - spent + refunds);
    }
}
