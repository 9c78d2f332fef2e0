package vigil.storage;

import java.time.Instant;

/** One entry of an incident's history; {@code note} is null but for notes (and optional elsewhere). */
public record IncidentAction(long id, long incidentId, ActionKind kind, String note, String operator, Instant actedAt) {
}
