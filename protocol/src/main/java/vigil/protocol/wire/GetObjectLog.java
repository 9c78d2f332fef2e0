package vigil.protocol.wire;

import java.time.LocalDate;

/** {@code LC_OL:from,to}: the node's detections between two dates, inclusive. Ask for one day at a time. */
public record GetObjectLog(LocalDate from, LocalDate to) implements Command<ObjectLog> {

    @Override
    public MessageType type() {
        return MessageType.LC_OL;
    }

    @Override
    public MessageType replyType() {
        return MessageType.LR_OL;
    }

    @Override
    public String text() {
        return "LC_OL:" + from + "," + to;
    }
}
