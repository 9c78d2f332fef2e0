package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.protocol.testing.Decoding;
import vigil.protocol.wire.NodeMessage;

/**
 * The property the console rests on: any sequence of valid messages, written as a node writes them
 * (with or without the newline after an {@code ME_FD}), cut into random pieces, decodes to exactly
 * that sequence. Each seed is a reproducible case; a failure names it.
 */
class RoundTripPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomValidSequencesSurviveRandomSplits(long seed) {
        Random random = new Random(seed);
        List<NodeMessage> sent = new RandomMessages(seed).sequence(random.nextInt(1, 40));
        NodeMessageWriter writer = new NodeMessageWriter(random.nextBoolean());
        ByteBuf wire = Unpooled.buffer();
        sent.forEach(message -> writer.write(message, wire));
        byte[] stream = ByteBufUtil.getBytes(wire);
        wire.release();

        int[] cuts = random.ints(random.nextInt(0, 60), 1, Math.max(2, stream.length)).sorted().distinct().toArray();
        assertEquals(sent, Decoding.decodeAll(stream, cuts));
    }
}
