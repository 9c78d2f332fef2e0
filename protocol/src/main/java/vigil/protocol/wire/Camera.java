package vigil.protocol.wire;

/** A node's two cameras; one streams at a time, for all consoles (PROTOCOL.md §6). */
public enum Camera {
    A(MessageType.MC_CA, MessageType.MR_CA), B(MessageType.MC_CB, MessageType.MR_CB);

    private final MessageType startCommand;
    private final MessageType startReply;

    Camera(MessageType startCommand, MessageType startReply) {
        this.startCommand = startCommand;
        this.startReply = startReply;
    }

    public MessageType startCommand() {
        return startCommand;
    }

    public MessageType startReply() {
        return startReply;
    }

    /** The camera letter of a UDP frame, or null. */
    public static Camera fromLetter(int letter) {
        return switch (letter) {
            case 'A' -> A;
            case 'B' -> B;
            default -> null;
        };
    }
}
