package vigil.protocol.wire;

/** {@code LR_OI:OK,…}: a stored crop. */
public record ObjectImage(Jpeg image) implements Reply {

    @Override
    public MessageType type() {
        return MessageType.LR_OI;
    }
}
