package vigil.protocol.wire;

/** The two runways, each with the zone it covers and the event that reports its state. */
public enum Runway {
    A(Area.RWY_A, MessageType.ME_RA), B(Area.RWY_B, MessageType.ME_RB);

    private final Area zone;
    private final MessageType event;

    Runway(Area zone, MessageType event) {
        this.zone = zone;
        this.event = event;
    }

    public Area zone() {
        return zone;
    }

    public MessageType event() {
        return event;
    }
}
