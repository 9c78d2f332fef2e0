package vigil.protocol.link;

import vigil.protocol.wire.Command;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.Reply;

/** The node answered a command with an error reply; the message says what went wrong in words. */
public final class CommandFailedException extends Exception {
    private final transient Command<?> command;
    private final transient Reply reply;

    CommandFailedException(Command<?> command, Reply reply) {
        super(describe(command, reply));
        this.command = command;
        this.reply = reply;
    }

    public Command<?> command() {
        return command;
    }

    /** An {@link ErrorReply} or a {@link CommandRejected}. */
    public Reply reply() {
        return reply;
    }

    private static String describe(Command<?> command, Reply reply) {
        return switch (reply) {
            case ErrorReply error -> command.type() + " failed: "
                    + (error.code() == null ? "ERROR" : "ERR," + error.code()) + ", " + error.meaning();
            case CommandRejected rejected -> command.type() + " rejected by the node: " + rejected.text();
            default -> throw new IllegalArgumentException(reply + " is not an error");
        };
    }
}
