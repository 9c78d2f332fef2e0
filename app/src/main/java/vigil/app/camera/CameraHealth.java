package vigil.app.camera;

import java.time.Instant;

/**
 * A camera's state, since when, and why, in words; {@code stream} is what it last sent (null before
 * its first session).
 */
public record CameraHealth(CameraState state, Instant since, String detail, StreamInfo stream) {

    @Override
    public String toString() {
        return state + (detail == null ? "" : " (" + detail + ")");
    }
}
