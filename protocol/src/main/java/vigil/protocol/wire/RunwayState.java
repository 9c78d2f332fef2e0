package vigil.protocol.wire;

/** A runway's state ({@code ME_RA}, {@code ME_RB}). */
public enum RunwayState {
    CLEAR(0), WARNING(1);

    private final int code;

    RunwayState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RunwayState fromCode(int code) {
        return switch (code) {
            case 0 -> CLEAR;
            case 1 -> WARNING;
            default -> throw new IllegalArgumentException("runway state must be 0 or 1: " + code);
        };
    }
}
