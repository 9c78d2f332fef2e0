package vigil.protocol.wire;

/** {@code MC_MP}: stop the UDP stream. */
public record StopCamera() implements Command<CameraStopped> {

    @Override
    public MessageType type() {
        return MessageType.MC_MP;
    }

    @Override
    public MessageType replyType() {
        return MessageType.MR_MP;
    }

    @Override
    public String text() {
        return "MC_MP";
    }
}
