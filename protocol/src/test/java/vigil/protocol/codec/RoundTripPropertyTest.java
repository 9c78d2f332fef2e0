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
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.NodeMessage;

/**
 * The property the console rests on: any sequence of valid messages, written as a node writes them
 * (with or without the newline after an {@code ME_FD}), cut into random pieces, decodes to exactly
 * that sequence; and lines of junk between them cost a report each and nothing else. Each seed is a
 * reproducible case; a failure names it.
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

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void junkBetweenMessagesCostsOnlyItselfWhateverTheSplits(long seed) {
        Random random = new Random(seed);
        List<NodeMessage> sent = new RandomMessages(seed).sequence(random.nextInt(1, 40));
        NodeMessageWriter writer = new NodeMessageWriter(random.nextBoolean());
        ByteBuf wire = Unpooled.buffer();
        int junkLines = 0;
        for (NodeMessage message : sent) {
            if (random.nextInt(3) == 0) {
                byte[] junk = junkLine(random);
                wire.writeBytes(junk);
                junkLines += isBlank(junk) ? 0 : 1;
            }
            writer.write(message, wire);
        }
        byte[] stream = ByteBufUtil.getBytes(wire);
        wire.release();

        int[] cuts = random.ints(random.nextInt(0, 60), 1, Math.max(2, stream.length)).sorted().distinct().toArray();
        List<NodeMessage> decoded = Decoding.decodeAll(stream, cuts);
        assertEquals(sent, decoded.stream().filter(message -> !(message instanceof InvalidMessage)).toList());
        assertEquals(junkLines, decoded.stream().filter(InvalidMessage.class::isInstance).count(), "one report per line of junk");
    }

    /** A line of random bytes (any but a newline, which ends it), as a noisy link or a wrong peer might send. */
    private static byte[] junkLine(Random random) {
        byte[] line = new byte[random.nextInt(0, 120) + 1];
        for (int i = 0; i < line.length - 1; i++) {
            do {
                line[i] = (byte) random.nextInt(256);
            } while (line[i] == '\n');
        }
        line[line.length - 1] = '\n';
        return line;
    }

    /** Blank lines (only carriage returns) are skipped without a word, as the newline after a JPEG is. */
    private static boolean isBlank(byte[] line) {
        for (int i = 0; i < line.length - 1; i++) {
            if (line[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
