package dev.tickflow.sequencer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Partition-group snapshots on a compacted topic, one partition per group (partition {@code p} holds group {@code p}).
 *
 * <p>A snapshot of any size is written as chunks under keys {@code p/slot/i}, then a manifest under key {@code p} that
 * names the slot, the chunks' first offset, their count and a CRC of the whole. Two slots alternate: a snapshot is
 * written to the slot the current manifest does not name, so a writer that dies half-way leaves the previous snapshot
 * whole and the manifest pointing at it. Compaction keeps the latest record of every key, so the topic stays small; the
 * manifest is the newest record of its partition, found by reading back from the end.
 */
public final class SnapshotStore {

    static final int CHUNK_BYTES = 256 * 1024;
    private static final int MAGIC = 0x5446534d;
    private static final Duration READ = Duration.ofSeconds(30);

    private final String topic;

    public SnapshotStore(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** A group's latest snapshot, with the slot it is in. */
    public record Stored(GroupState state, int slot) {
    }

    /**
     * Writes a snapshot and waits until the broker has it (acks=all); returns the slot it went to.
     *
     * @param previousSlot the slot the current manifest names, or -1 if there is none
     */
    public int write(Producer<byte[], byte[]> producer, int partition, GroupState state, int previousSlot, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        int slot = previousSlot == 0 ? 1 : 0;
        byte[] payload = state.encode();
        CRC32 crc = new CRC32();
        crc.update(payload);
        long id = System.nanoTime();
        int chunks = Math.max(1, (payload.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            int from = i * CHUNK_BYTES;
            byte[] part = Arrays.copyOfRange(payload, from, Math.min(payload.length, from + CHUNK_BYTES));
            ByteBuffer value = ByteBuffer.allocate(16 + part.length).putInt(MAGIC).putLong(id).putInt(i).put(part);
            sent.add(producer.send(new ProducerRecord<>(topic, partition, chunkKey(partition, slot, i), value.array())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstOffset = sent.getFirst().get(remaining(deadline), TimeUnit.NANOSECONDS).offset();
        for (Future<RecordMetadata> chunk : sent) {
            chunk.get(remaining(deadline), TimeUnit.NANOSECONDS);
        }
        ByteBuffer manifest = ByteBuffer.allocate(40).putInt(MAGIC).putLong(id).putInt(slot).putLong(firstOffset).putInt(chunks)
                .putInt(payload.length).putLong(crc.getValue());
        producer.send(new ProducerRecord<>(topic, partition, manifestKey(partition), manifest.array()))
                .get(remaining(deadline), TimeUnit.NANOSECONDS);
        return slot;
    }

    /** The group's latest whole snapshot, or null if it has none. */
    public Stored read(KafkaConsumer<byte[], byte[]> reader, int partition) {
        TopicPartition where = new TopicPartition(topic, partition);
        reader.assign(List.of(where));
        long start = reader.beginningOffsets(List.of(where), READ).get(where);
        long end = reader.endOffsets(List.of(where), READ).get(where);
        byte[] manifestKey = manifestKey(partition);
        ByteBuffer manifest = null;
        for (long window = 16; manifest == null && end > start; window *= 8) {
            long from = Math.max(start, end - window);
            for (ConsumerRecord<byte[], byte[]> record : readRange(reader, where, from, end)) {
                if (Arrays.equals(record.key(), manifestKey) && record.value() != null) {
                    manifest = ByteBuffer.wrap(record.value());
                }
            }
            if (from == start) {
                break;
            }
        }
        if (manifest == null) {
            return null;
        }
        if (manifest.getInt() != MAGIC) {
            throw new IllegalStateException(topic + "-" + partition + ": not a snapshot manifest");
        }
        long id = manifest.getLong();
        int slot = manifest.getInt();
        long firstOffset = manifest.getLong();
        int chunks = manifest.getInt();
        int length = manifest.getInt();
        long expectedCrc = manifest.getLong();
        Map<Integer, byte[]> parts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readRange(reader, where, Math.max(start, firstOffset), end)) {
            ByteBuffer value = record.value() == null ? null : ByteBuffer.wrap(record.value());
            if (value == null || value.remaining() < 16 || value.getInt() != MAGIC || value.getLong() != id) {
                continue;
            }
            int index = value.getInt();
            if (Arrays.equals(record.key(), chunkKey(partition, slot, index))) {
                byte[] part = new byte[value.remaining()];
                value.get(part);
                parts.put(index, part);
            }
            if (parts.size() == chunks) {
                break;
            }
        }
        if (parts.size() != chunks) {
            throw new IllegalStateException(topic + "-" + partition + ": snapshot " + id + " has " + parts.size() + " of its "
                    + chunks + " chunks");
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream(length);
        for (int i = 0; i < chunks; i++) {
            payload.writeBytes(parts.get(i));
        }
        byte[] bytes = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (bytes.length != length || crc.getValue() != expectedCrc) {
            throw new IllegalStateException(topic + "-" + partition + ": snapshot " + id + " fails its checksum");
        }
        return new Stored(GroupState.decode(bytes), slot);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readRange(KafkaConsumer<byte[], byte[]> reader, TopicPartition where,
            long from, long end) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        reader.seek(where, from);
        long deadline = System.nanoTime() + READ.toNanos();
        while (reader.position(where) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + where + " from " + from + " to " + end + " took over " + READ);
            }
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200)).records(where)) {
                if (record.offset() < end) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private static long remaining(long deadline) throws TimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("the snapshot was not acknowledged in time");
        }
        return left;
    }

    static byte[] manifestKey(int partition) {
        return Integer.toString(partition).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] chunkKey(int partition, int slot, int index) {
        return (partition + "/" + slot + "/" + index).getBytes(StandardCharsets.UTF_8);
    }
}
