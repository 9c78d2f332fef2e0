package vigil.storage;

import java.time.Instant;

/**
 * A camera's clip of an incident: a file named by its SHA-256 under the data directory's
 * {@code clips/}, or, when none could be written, the reason it is missing ({@code sha256} null).
 *
 * @param firstFrame when Vigil received the clip's first frame
 * @param lastFrame when Vigil received its last
 * @param removed whether its file was removed to keep clip storage within its quota
 */
public record Clip(long id, long incidentId, String camera, String sha256, Long bytes, String codec, Instant firstFrame,
                   Instant lastFrame, String missing, Instant recordedAt, boolean removed) {

    public boolean hasFile() {
        return sha256 != null && !removed;
    }

    /** The file's name under {@code clips/}. */
    public String fileName() {
        return sha256 + ClipStore.EXTENSION;
    }
}
