package vigil.storage;

import java.time.Instant;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * One recorded incident: a node's first detection, or an operator's report from a camera. {@code zone}
 * is one of the eight zones or UNKNOWN; the node's timestamp is kept as received beside the instant
 * it names (null when it named none). An operator's report has no node, no object (0, UNKNOWN, at
 * 0,0, an empty timestamp) and a picture of the camera's at the moment it was raised; it names its
 * {@code camera} and who it was {@code reportedBy}, both null for a node's incident.
 */
public record Incident(
        long id,
        NodeAddress node,
        IncidentType type,
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
        boolean evidenceHold,
        String camera,
        String reportedBy) {

    public int priority() {
        return type.priority();
    }

    public boolean isOperatorReport() {
        return reportedBy != null;
    }
}
