package vigil.protocol.wire;

/** {@code AR_ERROR:…}, {@code MR_ERROR:…}, {@code LR_ERROR:…}: the node did not know the command. */
public record CommandRejected(MessageType type, String text) implements Reply {
}
