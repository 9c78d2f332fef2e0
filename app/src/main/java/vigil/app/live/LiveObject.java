package vigil.app.live;

import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.ObjectClass;

/**
 * One alarming object as the map draws it: where it is, why it alarms, when it was first and last
 * listed (epoch milliseconds), and its recent positions ({@code trail}: x, y pairs, oldest first).
 * The trail array is never written after the object is published.
 */
public record LiveObject(
        NodeAddress node,
        long id,
        ObjectClass objectClass,
        int x,
        int y,
        Area area,
        Integer rescueLevel,
        EventType alarm,
        long firstSeen,
        long lastSeen,
        float[] trail) {

    public boolean isOnMap() {
        return x >= 0 && x <= Area.MAP_WIDTH && y >= 0 && y <= Area.MAP_HEIGHT;
    }

    public boolean isDown() {
        return rescueLevel != null && rescueLevel > 0;
    }
}
