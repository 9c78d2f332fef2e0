package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import vigil.protocol.testing.Decoding;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectSnapshot;

/**
 * Jazzer fuzz targets for what reads a node's or an operator's bytes. Plain {@code verify} runs
 * each once on the empty input and on the regression inputs kept under
 * {@code src/test/resources/vigil/protocol/codec/DecoderFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/BENCHMARKS.md has the command and what it reached).
 */
class DecoderFuzzTest {
    private static final ObjectSnapshot GOOD = new ObjectSnapshot(List.of(new DetectedObject(7, ObjectClass.PERSON, 400, 300,
            Area.GRASS_A, 0)));
    private static final byte[] GOOD_BYTES = bytesOf(GOOD);
    /** Messages that announce binary content of a length they give: after one, the next bytes are its content, not a line. */
    private static final List<String> BINARY_PREFIXES = List.of("ME_FD", "MR_OD", "LR_OI");

    /**
     * Any bytes, cut anywhere: nothing escapes the decoder, it releases every buffer, and a good
     * message after the garbage (and a newline) is still decoded, unless the garbage announced
     * binary content that the good message's bytes then belong to.
     */
    @FuzzTest(maxDuration = "5m")
    void anyBytesCutAnywhere(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 16)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 4096);
        }
        byte[] garbage = data.consumeRemainingAsBytes();
        byte[] stream = Arrays.copyOf(garbage, garbage.length + 1 + GOOD_BYTES.length);
        stream[garbage.length] = '\n';
        System.arraycopy(GOOD_BYTES, 0, stream, garbage.length + 1, GOOD_BYTES.length);
        int[] inside = Arrays.stream(cuts).map(cut -> Math.min(cut, stream.length)).sorted().toArray();

        List<NodeMessage> messages = Decoding.decodeAll(stream, inside);

        String text = new String(garbage, StandardCharsets.ISO_8859_1);
        if (BINARY_PREFIXES.stream().noneMatch(text::contains)) {
            assertFalse(messages.isEmpty());
            assertEquals(GOOD, messages.getLast(), () -> "the good message after " + messages);
        }
    }

    /** Any text as an operator's command: it is parsed or refused in words, nothing else. */
    @FuzzTest(maxDuration = "2m")
    void anyCommandText(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            CommandParser.parse(text);
        } catch (InvalidCommandException refused) {
            assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
        }
    }

    private static byte[] bytesOf(NodeMessage message) {
        ByteBuf out = Unpooled.buffer();
        new NodeMessageWriter(true).write(message, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }
}
