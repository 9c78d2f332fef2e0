package vigil.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.protocol.wire.NodeMessage;

/** The benchmark's baseline must decode what the real decoder decodes, or the comparison means nothing. */
class BaselineDecoderTest {

    @Test
    void theBaselineDecodesTheBenchmarkStreamsCorrectly() {
        for (List<NodeMessage> messages : List.of(BenchmarkStreams.snapshots(), BenchmarkStreams.firstDetections())) {
            byte[] stream = BenchmarkStreams.encode(messages);
            BaselineDecoder baseline = new BaselineDecoder();
            List<NodeMessage> decoded = new ArrayList<>();
            for (int offset = 0; offset < stream.length; offset += BenchmarkStreams.READ_SIZE) {
                decoded.addAll(baseline.feed(stream, offset, Math.min(BenchmarkStreams.READ_SIZE, stream.length - offset)));
            }
            assertEquals(messages, decoded);
        }
    }
}
