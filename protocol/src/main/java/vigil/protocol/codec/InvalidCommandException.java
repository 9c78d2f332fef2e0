package vigil.protocol.codec;

import vigil.protocol.wire.Reply;

/**
 * A command text that a node would not execute, with the reply the reference node sends for it
 * (null when it sends none: text outside the {@code AC_}, {@code MC_}, {@code LC_} families).
 */
public final class InvalidCommandException extends Exception {
    private final transient Reply nodeReply;

    InvalidCommandException(String reason, Reply nodeReply) {
        super(reason);
        this.nodeReply = nodeReply;
    }

    public Reply nodeReply() {
        return nodeReply;
    }
}
