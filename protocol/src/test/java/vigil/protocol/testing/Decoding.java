package vigil.protocol.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import vigil.protocol.codec.NodeMessageDecoder;
import vigil.protocol.codec.TrafficCounters;
import vigil.protocol.wire.NodeMessage;

/**
 * Feeds a byte stream to a fresh {@link NodeMessageDecoder} in an {@link EmbeddedChannel}, cut at
 * the given offsets, and checks that every input buffer was released.
 */
public final class Decoding {
    private final TrafficCounters counters = new TrafficCounters();
    private final EmbeddedChannel channel;
    private final List<ByteBuf> written = new ArrayList<>();

    public Decoding() {
        this(NodeMessageDecoder.DEFAULT_MAX_LINE_LENGTH, NodeMessageDecoder.DEFAULT_MAX_HISTORY_LINE_LENGTH,
                NodeMessageDecoder.DEFAULT_MAX_IMAGE_SIZE);
    }

    public Decoding(int maxLineLength, int maxHistoryLineLength, int maxImageSize) {
        this.channel = new EmbeddedChannel(
                new NodeMessageDecoder(counters, maxLineLength, maxHistoryLineLength, maxImageSize));
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** Writes the stream in pieces cut at {@code cuts} (ascending offsets) and returns what came out. */
    public List<NodeMessage> feed(byte[] stream, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            write(stream, from, cut);
            from = cut;
        }
        write(stream, from, stream.length);
        return drain();
    }

    /**
     * Ends the stream, as when the node closes the connection, returns what came out, and checks
     * that the decoder released every buffer it was given.
     */
    public List<NodeMessage> finish() {
        channel.finish();
        List<NodeMessage> messages = drain();
        assertFalse(channel.finish());
        for (ByteBuf buf : written) {
            assertEquals(0, buf.refCnt(), "the decoder must release every buffer it reads");
        }
        return messages;
    }

    /** Writes the whole stream, closes it, and returns everything decoded. */
    public static List<NodeMessage> decodeAll(byte[] stream, int... cuts) {
        Decoding decoding = new Decoding();
        List<NodeMessage> messages = new ArrayList<>(decoding.feed(stream, cuts));
        messages.addAll(decoding.finish());
        return messages;
    }

    public static List<NodeMessage> decodeByteByByte(byte[] stream) {
        int[] cuts = new int[Math.max(0, stream.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return decodeAll(stream, cuts);
    }

    private void write(byte[] stream, int from, int to) {
        ByteBuf buf = Unpooled.buffer(to - from).writeBytes(stream, from, to - from);
        written.add(buf);
        channel.writeInbound(buf);
    }

    private List<NodeMessage> drain() {
        List<NodeMessage> messages = new ArrayList<>();
        for (Object message; (message = channel.readInbound()) != null; ) {
            messages.add((NodeMessage) message);
        }
        return messages;
    }
}
