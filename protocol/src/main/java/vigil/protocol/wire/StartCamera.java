package vigil.protocol.wire;

/** {@code MC_CA} / {@code MC_CB}: stream a camera to the consoles over UDP. */
public record StartCamera(Camera camera) implements Command<CameraStarted> {

    @Override
    public MessageType type() {
        return camera.startCommand();
    }

    @Override
    public MessageType replyType() {
        return camera.startReply();
    }

    @Override
    public String text() {
        return type().name();
    }
}
