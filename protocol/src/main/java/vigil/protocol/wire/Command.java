package vigil.protocol.wire;

/**
 * A command a console sends a node (PROTOCOL.md §3), typed by the reply it succeeds with. A node may
 * instead answer with an {@link ErrorReply} or, for a command it does not know, a
 * {@link CommandRejected}; both answer the command too.
 */
public sealed interface Command<R extends Reply>
        permits GetAuthorityLevels, SetAuthorityLevels, StartCamera, StopCamera, GetObjectDetail,
                GetObjectLog, GetBirdRiskLog, GetPilotRequestLog, GetObjectImage {

    MessageType type();

    /** The type of the replies, successful or not, that answer this command. */
    MessageType replyType();

    /** The command as sent, without the trailing newline. */
    String text();

    /** Whether a reply received while this command is outstanding is its answer. */
    default boolean isAnsweredBy(Reply reply) {
        return switch (reply) {
            case CommandRejected rejected -> rejected.type() == type().rejection();
            default -> reply.type() == replyType();
        };
    }
}
