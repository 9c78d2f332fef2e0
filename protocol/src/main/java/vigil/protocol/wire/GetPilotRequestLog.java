package vigil.protocol.wire;

import java.time.LocalDate;

/** {@code LC_RL:from,to}: the node's pilot requests between two dates, inclusive. Ask for one day at a time. */
public record GetPilotRequestLog(LocalDate from, LocalDate to) implements Command<PilotRequestLog> {

    @Override
    public MessageType type() {
        return MessageType.LC_RL;
    }

    @Override
    public MessageType replyType() {
        return MessageType.LR_RL;
    }

    @Override
    public String text() {
        return "LC_RL:" + from + "," + to;
    }
}
