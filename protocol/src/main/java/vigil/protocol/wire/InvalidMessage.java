package vigil.protocol.wire;

/**
 * A message the decoder rejected, with the kind of failure, a precise reason, and the first bytes of
 * the offending input (printable, escaped) so an operator can see what the node sent.
 */
public record InvalidMessage(Failure failure, String reason, String excerpt) implements NodeMessage {

    /** The kinds of decoding failure, each counted per link. */
    public enum Failure {
        UNKNOWN_PREFIX,
        LINE_TOO_LONG,
        MALFORMED_FIELD,
        IMAGE_TOO_LARGE,
        BAD_IMAGE,
        TRUNCATED
    }

    @Override
    public MessageType type() {
        return MessageType.INVALID;
    }
}
