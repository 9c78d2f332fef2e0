package vigil.protocol.wire;

/** {@code MR_MP:OK}: the node stopped its UDP stream. */
public record CameraStopped() implements Reply {

    @Override
    public MessageType type() {
        return MessageType.MR_MP;
    }
}
