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
        Written written = new Written(seed, false);
        assertEquals(written.sent, written.decodeInRandomPieces());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void junkBetweenMessagesCostsOnlyItselfWhateverTheSplits(long seed) {
        Written written = new Written(seed, true);
        List<NodeMessage> decoded = written.decodeInRandomPieces();
        assertEquals(written.sent, decoded.stream().filter(message -> !(message instanceof InvalidMessage)).toList());
        assertEquals(written.junkLines, decoded.stream().filter(InvalidMessage.class::isInstance).count(),
                "one report per line of junk");
    }

    /** A random valid sequence written as a node writes it, with a line of junk before a third of the messages if asked. */
    private static final class Written {
        final Random random;
        final List<NodeMessage> sent;
        final byte[] stream;
        int junkLines;

        Written(long seed, boolean withJunk) {
            random = new Random(seed);
            sent = new RandomMessages(seed).sequence(random.nextInt(1, 40));
            NodeMessageWriter writer = new NodeMessageWriter(random.nextBoolean());
            ByteBuf wire = Unpooled.buffer();
            for (NodeMessage message : sent) {
                if (withJunk && random.nextInt(3) == 0) {
                    byte[] junk = junkLine(random);
                    wire.writeBytes(junk);
                    junkLines += isBlank(junk) ? 0 : 1;
                }
                writer.write(message, wire);
            }
            stream = ByteBufUtil.getBytes(wire);
            wire.release();
        }

        /** Decodes the stream cut into up to 60 pieces at random. */
        List<NodeMessage> decodeInRandomPieces() {
            int[] cuts = random.ints(random.nextInt(0, 60), 1, Math.max(2, stream.length)).sorted().distinct().toArray();
            return Decoding.decodeAll(stream, cuts);
        }
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
