package vigil.protocol.wire;

/** {@code LC_OI:object_id}: a stored crop. */
public record GetObjectImage(long objectId) implements Command<ObjectImage> {

    @Override
    public MessageType type() {
        return MessageType.LC_OI;
    }

    @Override
    public MessageType replyType() {
        return MessageType.LR_OI;
    }

    @Override
    public String text() {
        return "LC_OI:" + objectId;
    }
}
