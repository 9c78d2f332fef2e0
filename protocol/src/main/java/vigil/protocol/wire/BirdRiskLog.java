package vigil.protocol.wire;

import java.util.List;

/** {@code LR_BL:OK,…}: the node's bird-risk history over a date range. */
public record BirdRiskLog(List<Entry> entries) implements Reply {

    public BirdRiskLog {
        entries = List.copyOf(entries);
    }

    public record Entry(BirdRisk risk, NodeTimestamp timestamp) {
    }

    @Override
    public MessageType type() {
        return MessageType.LR_BL;
    }
}
