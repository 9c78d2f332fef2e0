package vigil.protocol.wire;

/**
 * {@code MR_OD:OK,…}: a stored detection and its crop, from the node's database (so the area may be
 * NONE and the timestamp is the node's local time mislabelled as UTC). {@code eventType} is null in
 * the form of nodes before 0.5, which did not send it.
 */
public record ObjectDetail(
        EventType eventType, long objectId, ObjectClass objectClass, Area area, NodeTimestamp timestamp, Jpeg image)
        implements Reply {

    @Override
    public MessageType type() {
        return MessageType.MR_OD;
    }
}
