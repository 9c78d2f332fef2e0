package vigil.app.camera;

import java.time.Instant;

/**
 * A camera's state, since when, and why, in words; {@code stream} is what it last sent (null before
 * its first session); {@code warning} is what is wrong with a camera that works (null when
 * nothing is), such as keyframes too far apart for its clips.
 */
public record CameraHealth(CameraState state, Instant since, String detail, StreamInfo stream, String warning) {

    /** The detail and the warning, as one line (null when there is neither). */
    public String words() {
        if (warning == null) {
            return detail;
        }
        return detail == null ? warning : detail + "; " + warning;
    }

    @Override
    public String toString() {
        String words = words();
        return state + (words == null ? "" : " (" + words + ")");
    }
}
