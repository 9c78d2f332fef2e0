package vigil.storage;

import java.time.Instant;
import java.util.List;

/**
 * One page of incidents, newest first, and where the next one starts: pass {@link #next()} back to
 * get the page after this one (keyset pagination: no offset, so a page costs the same however deep).
 */
public record IncidentPage(List<Incident> incidents, Cursor next) {

    /** The position after the last incident of a page; null when there is nothing after it. */
    public record Cursor(Instant receivedAt, long id) {
    }
}
