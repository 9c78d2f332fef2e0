package vigil.protocol.wire;

/** Bird-strike risk ({@code ME_BR}); note that the wire code falls as the risk rises. */
public enum BirdRisk {
    HIGH(1), MEDIUM(2), LOW(3);

    private final int code;

    BirdRisk(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BirdRisk fromCode(int code) {
        for (BirdRisk risk : values()) {
            if (risk.code == code) {
                return risk;
            }
        }
        throw new IllegalArgumentException("bird risk must be 1-3: " + code);
    }
}
