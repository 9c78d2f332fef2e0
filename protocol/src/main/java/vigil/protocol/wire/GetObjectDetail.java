package vigil.protocol.wire;

/** {@code MC_OD:object_id}: a stored detection and its crop. */
public record GetObjectDetail(long objectId) implements Command<ObjectDetail> {

    @Override
    public MessageType type() {
        return MessageType.MC_OD;
    }

    @Override
    public MessageType replyType() {
        return MessageType.MR_OD;
    }

    @Override
    public String text() {
        return "MC_OD:" + objectId;
    }

    /** A detail answers only the request for its own object; error replies carry no id. */
    @Override
    public boolean isAnsweredBy(Reply reply) {
        if (reply instanceof ObjectDetail detail) {
            return detail.objectId() == objectId;
        }
        return Command.super.isAnsweredBy(reply);
    }
}
