package vigil.protocol.wire;

/** Every message of the protocol, by its wire prefix, plus INVALID for what could not be decoded. */
public enum MessageType {
    // events, node → console
    ME_OD, ME_FD, ME_BR, ME_RA, ME_RB,
    // replies, node → console
    AR_AC, AR_UA, AR_ERROR,
    MR_CA, MR_CB, MR_MP, MR_OD, MR_ERROR,
    LR_OL, LR_BL, LR_RL, LR_OI, LR_ERROR,
    // commands, console → node
    AC_AC, AC_UA,
    MC_CA, MC_CB, MC_MP, MC_OD,
    LC_OL, LC_BL, LC_RL, LC_OI,
    /** A message the decoder rejected; see {@link InvalidMessage}. */
    INVALID;

    /** The reply a node sends to a command of an unknown kind in this command's family. */
    public MessageType rejection() {
        return switch (name().substring(0, 2)) {
            case "AC", "AR" -> AR_ERROR;
            case "MC", "MR" -> MR_ERROR;
            case "LC", "LR" -> LR_ERROR;
            default -> throw new IllegalStateException(this + " belongs to no command family");
        };
    }
}
