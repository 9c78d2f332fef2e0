package vigil.protocol.wire;

/**
 * {@code ME_FD}: a node's first announcement of an alarming object, with a crop of it. The event
 * type is inferred when a node older than 0.5 sent none ({@link EventType#inferred}); the rescue
 * level is null when the message carried none.
 */
public record FirstDetection(
        EventType eventType,
        long objectId,
        ObjectClass objectClass,
        int x,
        int y,
        Area area,
        NodeTimestamp timestamp,
        Integer rescueLevel,
        Jpeg image) implements Event {

    @Override
    public MessageType type() {
        return MessageType.ME_FD;
    }
}
