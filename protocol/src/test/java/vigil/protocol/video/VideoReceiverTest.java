package vigil.protocol.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vigil.protocol.testing.Recorder.await;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vigil.protocol.testing.EventLoops;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Camera;

class VideoReceiverTest {

    private static byte[] datagram(String header, byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(jpeg);
        return out.toByteArray();
    }

    @RegisterExtension
    static final EventLoops LOOPS = new EventLoops();

    @Test
    void goodFramesPassAndMalformedDatagramsAreDroppedAndCounted() throws Exception {
        List<VideoFrame> frames = Collections.synchronizedList(new ArrayList<>());
        byte[] jpeg = TestJpegs.bytes(60_000, 1); // a frame as large as a datagram allows
        try (VideoReceiver receiver = VideoReceiver.bind(LOOPS.group(), new InetSocketAddress("127.0.0.1", 0), frames::add);
             DatagramSocket sender = new DatagramSocket()) {
            var target = new InetSocketAddress("127.0.0.1", receiver.port());
            List<byte[]> datagrams = List.of(
                    datagram("A:1763789000123456789:", jpeg),
                    datagram("C:1763789000123456789:", jpeg),
                    datagram("A:17637890001234567890:", jpeg),
                    datagram("B:12x4:", jpeg),
                    datagram("B:1763789000123456790:", "not a jpeg".getBytes(StandardCharsets.US_ASCII)),
                    datagram("B", new byte[0]),
                    datagram("B:1763789000123456791:", jpeg));
            for (byte[] bytes : datagrams) {
                sender.send(new DatagramPacket(bytes, bytes.length, target));
            }
            await("every datagram", () -> {
                var stats = receiver.stats();
                return stats.frames().values().stream().mapToLong(Long::longValue).sum()
                        + stats.drops().values().stream().mapToLong(Long::longValue).sum() == datagrams.size();
            }, Duration.ofSeconds(5));

            var stats = receiver.stats();
            assertEquals(Map.of(Camera.A, 1L, Camera.B, 1L), stats.frames());
            assertEquals(Map.of(VideoReceiver.Drop.NO_CAMERA, 2L, VideoReceiver.Drop.BAD_IMAGE_ID, 2L,
                    VideoReceiver.Drop.NOT_A_JPEG, 1L), stats.drops());
            assertEquals(1.0, stats.framesPerSecond().get(Camera.B));
            assertEquals(1763789000123456789L, frames.getFirst().imageId());
            assertEquals(60_000, frames.getFirst().image().size());
        }
    }
}
