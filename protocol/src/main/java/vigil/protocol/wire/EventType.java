package vigil.protocol.wire;

/** Why a node announced a first detection ({@code ME_FD}), in rising priority. */
public enum EventType {
    HAZARD(1), UNAUTH(2), RESCUE(3);

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EventType fromCode(int code) {
        for (EventType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("event type must be 1-3: " + code);
    }

    /**
     * Nodes before 0.5 send no event type; this is the rule the node applies (PROTOCOL.md §5):
     * a person down is a rescue, a hazard class a hazard, everything else an access violation.
     */
    public static EventType inferred(ObjectClass objectClass, Integer rescueLevel) {
        if (rescueLevel != null && rescueLevel > 0) {
            return RESCUE;
        }
        return objectClass.isHazard() ? HAZARD : UNAUTH;
    }
}
