package dev.tickflow.model.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import dev.tickflow.model.SampleRecords;
import dev.tickflow.model.Tick;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyTopicValueTypeRoundTrips() {
        for (SpecificRecord record : SampleRecords.everyType()) {
            AvroSerde serde = AvroSerde.of(record.getClass());
            byte[] bytes = serde.serialize("any", record);
            assertThat(serde.deserialize("any", bytes)).as(record.getSchema().getName()).isEqualTo(record);
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void bytesAreAvrosSingleObjectEncodingBothWays() throws Exception {
        // records already on the topics were written by Avro's message encoder; both must keep reading each other's
        for (SpecificRecord record : SampleRecords.everyType()) {
            RecordType type = RecordTypes.of(record.getClass());
            org.apache.avro.specific.SpecificData model = new org.apache.avro.specific.SpecificData(record.getClass().getClassLoader());
            ByteBuffer avros = new BinaryMessageEncoder<>(model, record.getSchema()).encode(record);
            byte[] expected = new byte[avros.remaining()];
            avros.get(expected);
            byte[] ours = type.encode(record);
            assertThat(ours).as(type.name()).isEqualTo(expected);
            assertThat(new org.apache.avro.message.BinaryMessageDecoder<SpecificRecord>(model, record.getSchema()).decode(ours))
                    .as(type.name()).isEqualTo(record);
        }
    }

    @Test
    void aLargeRecordDoesNotLeaveItsBytesInTheNextOne() {
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        Tick large = Tick.newBuilder(SampleRecords.tick()).setTradeId("x".repeat(200_000)).build();
        Tick small = SampleRecords.tick();
        byte[] smallBytes = serde.serialize("md.ticks", small);
        assertThat(serde.deserialize("md.ticks", serde.serialize("md.ticks", large))).isEqualTo(large);
        assertThat(serde.serialize("md.ticks", small)).isEqualTo(smallBytes);
        assertThat(serde.deserialize("md.ticks", smallBytes)).isEqualTo(small);
    }

    @Test
    void aFailedEncodingDoesNotLeaveItsBytesInTheNextOne() {
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        Tick small = SampleRecords.tick();
        byte[] expected = serde.serialize("md.ticks", small);
        Tick broken = Tick.newBuilder(small).build();
        broken.setSource(null); // a required field: the encoder fails after writing the fields before it
        assertThatThrownBy(() -> serde.serialize("md.ticks", broken))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
        assertThat(serde.serialize("md.ticks", small)).isEqualTo(expected);
    }

    @Test
    void threadsEncodeAndDecodeAtOnce() throws Exception {
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                String symbol = "S" + thread;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        Tick tick = Tick.newBuilder(SampleRecords.tick()).setSymbol(symbol).setQuantity(i + 1).build();
                        if (!serde.deserialize("md.ticks", serde.serialize("md.ticks", tick)).equals(tick)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyRecordTypeIsListedOnce() {
        assertThat(RecordTypes.all()).extracting(RecordType::javaClass).doesNotHaveDuplicates();
        assertThat(SampleRecords.everyType()).extracting(SpecificRecord::getClass).map(Class.class::cast)
                .containsAll(RecordTypes.all().stream().map(RecordType::javaClass).map(Class.class::cast).toList());
    }

    @Test
    void bytesStartWithTheSingleObjectMarkerAndTheSchemaFingerprint() {
        byte[] bytes = AvroSerde.of(Tick.class).serialize("md.ticks", SampleRecords.tick());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(Tick.getClassSchema()));
    }

    @Test
    void recordOfAnotherTypeIsDetectedNotMisread() {
        byte[] orderBytes = AvroSerde.of(dev.tickflow.model.OrderCommand.class).serialize("orders.submitted",
                SampleRecords.newOrder());
        assertThatThrownBy(() -> AvroSerde.of(Tick.class).deserialize("md.ticks", orderBytes))
                .isInstanceOfSatisfying(RecordDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.UNKNOWN_SCHEMA));
    }

    @Test
    void plainJsonIsABadHeader() {
        byte[] json = "{\"symbol\":\"AAPL\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AvroSerde.of(Tick.class).deserialize("md.ticks", json))
                .isInstanceOfSatisfying(RecordDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.BAD_HEADER));
    }

    @Test
    void truncatedPayloadIsCorrupt() {
        byte[] bytes = AvroSerde.of(Tick.class).serialize("md.ticks", SampleRecords.tick());
        byte[] truncated = Arrays.copyOf(bytes, 14);
        assertThatThrownBy(() -> AvroSerde.of(Tick.class).deserialize("md.ticks", truncated))
                .isInstanceOfSatisfying(RecordDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.CORRUPT_PAYLOAD));
        // the thread's decoder is left mid-record by the failure; the next record must not see that
        assertThat(AvroSerde.of(Tick.class).deserialize("md.ticks", bytes)).isEqualTo(SampleRecords.tick());
    }

    @Test
    void nullIsATombstoneBothWays() {
        AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
        assertThat(serde.serialize("md.ticks", null)).isNull();
        assertThat(serde.deserialize("md.ticks", null)).isNull();
    }

    @Test
    void recordWrittenWithAnEarlierVersionIsReadWithDefaults() {
        Schema older = olderTickWithoutVenueAndTradeId();
        GenericRecord written = new GenericData.Record(older);
        Tick current = SampleRecords.tick();
        for (Schema.Field field : older.getFields()) {
            written.put(field.name(), current.get(field.name()));
        }
        written.put("source", new GenericData.EnumSymbol(older.getField("source").schema(), "PUSH"));
        written.put("side", new GenericData.EnumSymbol(Tick.getClassSchema().getField("side").schema().getTypes().get(1), "BUY"));
        byte[] bytes = encode(older, written);

        RecordType<Tick> knowsOlder = new RecordType<>(Tick.class, Tick.getClassSchema(), List.of(older));
        Tick read = knowsOlder.decode(bytes);
        assertThat(read.getSymbol()).isEqualTo("AAPL");
        assertThat(read.getPrice()).isEqualTo(current.getPrice());
        assertThat(read.getVenue()).isNull();
        assertThat(read.getTradeId()).isNull();

        RecordType<Tick> forgotOlder = new RecordType<>(Tick.class, Tick.getClassSchema(), List.of());
        assertThatThrownBy(() -> forgotOlder.decode(bytes)).isInstanceOf(RecordDecodingException.class);
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Schema olderTickWithoutVenueAndTradeId() {
        Schema current = Tick.getClassSchema();
        return SchemaBuilder.record("Tick").namespace("dev.tickflow.model").fields()
                .requiredString("symbol")
                .requiredLong("price")
                .requiredLong("quantity")
                .requiredLong("eventTimeMicros")
                .requiredLong("ingestTimeMicros")
                .name("source").type(current.getField("source").schema()).noDefault()
                .name("side").type(current.getField("side").schema()).withDefault(null)
                .endRecord();
    }
}
