package vigil.protocol.wire;

import java.util.List;

/** {@code LR_OL:OK,…}: the node's detections over a date range, from its database. */
public record ObjectLog(List<Entry> entries) implements Reply {

    public ObjectLog {
        entries = List.copyOf(entries);
    }

    public record Entry(EventType eventType, long objectId, ObjectClass objectClass, Area area, NodeTimestamp timestamp) {
    }

    @Override
    public MessageType type() {
        return MessageType.LR_OL;
    }
}
