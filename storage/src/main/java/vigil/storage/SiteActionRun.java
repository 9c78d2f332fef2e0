package vigil.storage;

import java.time.Instant;

/** One run of a site action: who asked, for which incident (or null), and what came of it, in words. */
public record SiteActionRun(long id, String action, String operator, Long incidentId, Instant ranAt, boolean ok, String outcome) {
}
