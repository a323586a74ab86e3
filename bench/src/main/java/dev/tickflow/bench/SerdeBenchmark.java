package dev.tickflow.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import dev.tickflow.model.FixedPoint;
import dev.tickflow.model.Side;
import dev.tickflow.model.Tick;
import dev.tickflow.model.TickSource;
import dev.tickflow.model.serde.AvroSerde;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the single-object Avro encoding per tick, both ways: it is paid on every hop of every service. Beside it, the
 * same bytes through Avro's own message coders, which the serde used until 2026-12-07.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private final AvroSerde<Tick> serde = AvroSerde.of(Tick.class);
    private BinaryMessageEncoder<Tick> avroEncoder;
    private BinaryMessageDecoder<Tick> avroDecoder;
    private Tick tick;
    private byte[] bytes;

    @Setup
    public void setUp() {
        tick = Tick.newBuilder().setSymbol("AAPL").setPrice(FixedPoint.parse("190.25")).setQuantity(100)
                .setEventTimeMicros(1_795_357_800_123_456L).setIngestTimeMicros(1_795_357_800_123_500L)
                .setSource(TickSource.SIMULATOR).setSide(Side.BUY).setVenue("SIM").setTradeId(null).build();
        bytes = serde.serialize("md.ticks", tick);
        // configured as the serde was: generated field coders, no fast reader
        SpecificData model = new SpecificData(Tick.class.getClassLoader());
        model.setCustomCoders(true);
        model.setFastReaderEnabled(false);
        avroEncoder = new BinaryMessageEncoder<>(model, Tick.getClassSchema());
        avroDecoder = new BinaryMessageDecoder<>(model, Tick.getClassSchema());
    }

    @Benchmark
    public byte[] encodeTick() {
        return serde.serialize("md.ticks", tick);
    }

    @Benchmark
    public Tick decodeTick() {
        return serde.deserialize("md.ticks", bytes);
    }

    @Benchmark
    public ByteBuffer encodeTickWithAvrosMessageEncoder() throws IOException {
        return avroEncoder.encode(tick);
    }

    @Benchmark
    public Tick decodeTickWithAvrosMessageDecoder() throws IOException {
        return avroDecoder.decode(bytes);
    }
}
