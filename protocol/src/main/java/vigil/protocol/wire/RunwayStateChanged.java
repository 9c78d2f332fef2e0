package vigil.protocol.wire;

/** {@code ME_RA} / {@code ME_RB}: a runway became occupied, or has been empty for five seconds. */
public record RunwayStateChanged(Runway runway, RunwayState state) implements Event {

    @Override
    public MessageType type() {
        return runway.event();
    }
}
