package vigil.protocol.wire;

/** {@code ME_BR}: the bird-strike risk changed. */
public record BirdRiskChanged(BirdRisk risk) implements Event {

    @Override
    public MessageType type() {
        return MessageType.ME_BR;
    }
}
