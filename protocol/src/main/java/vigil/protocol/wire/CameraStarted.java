package vigil.protocol.wire;

/** {@code MR_CA:OK} / {@code MR_CB:OK}: the node streams that camera over UDP. */
public record CameraStarted(Camera camera) implements Reply {

    @Override
    public MessageType type() {
        return camera.startReply();
    }
}
