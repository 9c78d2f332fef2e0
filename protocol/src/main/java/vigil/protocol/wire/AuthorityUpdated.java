package vigil.protocol.wire;

/** {@code AR_UA:OK} (or {@code AH_UA:OK}): the node took the new levels; they apply from its next frame. */
public record AuthorityUpdated(Dialect dialect) implements Reply {

    @Override
    public MessageType type() {
        return MessageType.AR_UA;
    }
}
