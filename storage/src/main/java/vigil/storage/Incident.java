package vigil.storage;

import java.time.Instant;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * One recorded first detection. {@code zone} is one of the eight zones or UNKNOWN; the node's
 * timestamp is kept as received beside the instant it names (null when it named none).
 */
public record Incident(
        long id,
        NodeAddress node,
        EventType eventType,
        long objectId,
        ObjectClass objectClass,
        int x,
        int y,
        Area zone,
        NodeTimestamp nodeTimestamp,
        Instant receivedAt,
        Integer rescueLevel,
        String imageSha256,
        IncidentState state,
        boolean evidenceHold) {

    /** RESCUE above HAZARD above UNAUTH. */
    public int priority() {
        return priorityOf(eventType);
    }

    static int priorityOf(EventType eventType) {
        return switch (eventType) {
            case RESCUE -> 3;
            case HAZARD -> 2;
            case UNAUTH -> 1;
        };
    }
}
