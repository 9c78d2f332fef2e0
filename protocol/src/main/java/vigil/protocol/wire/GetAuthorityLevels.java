package vigil.protocol.wire;

/** {@code AC_AC}: ask for the eight zones' levels. */
public record GetAuthorityLevels() implements Command<AuthorityLevels> {

    @Override
    public MessageType type() {
        return MessageType.AC_AC;
    }

    @Override
    public MessageType replyType() {
        return MessageType.AR_AC;
    }

    @Override
    public String text() {
        return "AC_AC";
    }
}
