package vigil.protocol.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.ObjectSnapshot;

/**
 * Decoding a busy node's stream, cut into 16 KiB reads: {@code ME_OD} snapshots of 40 objects,
 * and {@code ME_FD} with 1–5 KB JPEGs. Each benchmark decodes the whole stream; the counters give
 * objects per second and bytes per second. {@code baseline*} is the straightforward decoder.
 * Run with {@code ./mvnw -pl protocol -Pcodec-benchmark verify} (docs/BENCHMARKS.md).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class DecoderBenchmark {
    private static final byte[] SNAPSHOTS = BenchmarkStreams.encode(BenchmarkStreams.snapshots());
    private static final byte[] DETECTIONS = BenchmarkStreams.encode(BenchmarkStreams.firstDetections());

    /** How ByteToMessageDecoder holds bytes between reads: merged (copied) or composite (not copied). */
    @Param({"merge", "composite"})
    public String cumulator;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Decoded {
        public long objects;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            objects = 0;
            bytes = 0;
        }
    }

    @Benchmark
    public void objectSnapshots(Decoded decoded) {
        decode(SNAPSHOTS, decoded);
    }

    @Benchmark
    public void firstDetections(Decoded decoded) {
        decode(DETECTIONS, decoded);
    }

    @Benchmark
    public void baselineObjectSnapshots(Decoded decoded) {
        baseline(SNAPSHOTS, decoded);
    }

    @Benchmark
    public void baselineFirstDetections(Decoded decoded) {
        baseline(DETECTIONS, decoded);
    }

    private void decode(byte[] stream, Decoded decoded) {
        NodeMessageDecoder decoder = new NodeMessageDecoder(new TrafficCounters());
        decoder.setCumulator(cumulator.equals("merge") ? ByteToMessageDecoder.MERGE_CUMULATOR : ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        for (int offset = 0; offset < stream.length; offset += BenchmarkStreams.READ_SIZE) {
            int length = Math.min(BenchmarkStreams.READ_SIZE, stream.length - offset);
            channel.writeInbound(Unpooled.wrappedBuffer(stream, offset, length));
            for (Object message; (message = channel.readInbound()) != null; ) {
                count((NodeMessage) message, decoded);
            }
        }
        channel.finishAndReleaseAll();
        decoded.bytes += stream.length;
    }

    private static void baseline(byte[] stream, Decoded decoded) {
        BaselineDecoder decoder = new BaselineDecoder();
        for (int offset = 0; offset < stream.length; offset += BenchmarkStreams.READ_SIZE) {
            List<NodeMessage> messages = decoder.feed(stream, offset, Math.min(BenchmarkStreams.READ_SIZE, stream.length - offset));
            messages.forEach(message -> count(message, decoded));
        }
        decoded.bytes += stream.length;
    }

    private static void count(NodeMessage message, Decoded decoded) {
        switch (message) {
            case ObjectSnapshot snapshot -> decoded.objects += snapshot.objects().size();
            case FirstDetection detection -> decoded.objects++;
            default -> throw new IllegalStateException("unexpected " + message);
        }
    }
}
