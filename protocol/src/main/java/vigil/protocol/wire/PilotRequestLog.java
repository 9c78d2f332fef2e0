package vigil.protocol.wire;

import java.util.List;

/** {@code LR_RL:OK,…}: the requests pilots made of the node and its answers, over a date range. */
public record PilotRequestLog(List<Entry> entries) implements Reply {

    public PilotRequestLog {
        entries = List.copyOf(entries);
    }

    public record Entry(Request request, Response response, NodeTimestamp requestTime, NodeTimestamp responseTime) {
    }

    /** Wire codes 1–4, in this order. */
    public enum Request {
        BR_INQ, RWY_A_STATUS, RWY_B_STATUS, RWY_AVAIL_INQ;

        public int code() {
            return ordinal() + 1;
        }

        public static Request fromCode(int code) {
            return byCode(values(), code, "pilot request");
        }
    }

    /** Wire codes 1–9, in this order. */
    public enum Response {
        BR_HIGH, BR_MEDIUM, BR_LOW, CLEAR, BLOCKED, ALL, A_ONLY, B_ONLY, NONE;

        public int code() {
            return ordinal() + 1;
        }

        public static Response fromCode(int code) {
            return byCode(values(), code, "pilot response");
        }
    }

    private static <E> E byCode(E[] values, int code, String what) {
        if (code < 1 || code > values.length) {
            throw new IllegalArgumentException(what + " code must be 1-" + values.length + ": " + code);
        }
        return values[code - 1];
    }

    @Override
    public MessageType type() {
        return MessageType.LR_RL;
    }
}
