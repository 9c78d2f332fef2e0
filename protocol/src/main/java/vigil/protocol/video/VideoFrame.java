package vigil.protocol.video;

import java.time.Instant;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.Jpeg;

/** One camera frame received over UDP; {@code imageId} is the node's nanosecond timestamp. */
public record VideoFrame(Camera camera, long imageId, Jpeg image, Instant receivedAt) {
}
