package vigil.protocol.wire;

import java.util.List;

/** {@code ME_OD}: every object alarming in one processed frame. A node sends none while nothing alarms. */
public record ObjectSnapshot(List<DetectedObject> objects) implements Event {

    public ObjectSnapshot {
        objects = List.copyOf(objects);
    }

    @Override
    public MessageType type() {
        return MessageType.ME_OD;
    }
}
