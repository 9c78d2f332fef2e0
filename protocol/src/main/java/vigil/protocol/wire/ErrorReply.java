package vigil.protocol.wire;

/**
 * A command's error reply, {@code XR_YY:ERR,n}, or {@code AH_UA:ERROR} (which carries no code:
 * {@code code} is then null). {@link #meaning()} says it in words.
 */
public record ErrorReply(MessageType replyType, Dialect dialect, Integer code) implements Reply {

    @Override
    public MessageType type() {
        return replyType;
    }

    public String meaning() {
        if (code == null) {
            return "the node refused the command";
        }
        return switch (replyType) {
            case AR_AC -> "the node could not read its authority levels";
            case AR_UA -> switch (code) {
                case 2 -> "the node did not receive 8 levels";
                case 3 -> "a level was not 1, 2 or 3";
                case 4 -> "the node could not store the levels";
                default -> unknownCode();
            };
            case MR_OD, LR_OI -> switch (code) {
                case 1 -> "the object id is not valid";
                case 2 -> "the node has no storage";
                case 3 -> "the node has no record of that object";
                case 4 -> "the node has no image of that object";
                case 5 -> "the node could not read the image";
                default -> unknownCode();
            };
            case LR_OL, LR_BL, LR_RL -> code == 1 ? "the date range is not valid" : "the node could not read its history";
            default -> unknownCode();
        };
    }

    private String unknownCode() {
        return "the node answered error " + code;
    }
}
