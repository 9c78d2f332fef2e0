package vigil.protocol.wire;

import java.time.LocalDate;

/** {@code LC_BL:from,to}: the node's bird-risk changes between two dates, inclusive. Ask for one day at a time. */
public record GetBirdRiskLog(LocalDate from, LocalDate to) implements Command<BirdRiskLog> {

    @Override
    public MessageType type() {
        return MessageType.LC_BL;
    }

    @Override
    public MessageType replyType() {
        return MessageType.LR_BL;
    }

    @Override
    public String text() {
        return "LC_BL:" + from + "," + to;
    }
}
