package vigil.protocol.wire;

/** Who may be in a zone (PROTOCOL.md §4). */
public enum AuthorityLevel {
    /** Everyone. */
    OPEN(1),
    /** Only WORK_PERSON and WORK_VEHICLE; the node's factory default. */
    AUTH_ONLY(2),
    /** Nobody. */
    NO_ENTRY(3);

    private final int code;

    AuthorityLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AuthorityLevel fromCode(int code) {
        for (AuthorityLevel level : values()) {
            if (level.code == code) {
                return level;
            }
        }
        throw new IllegalArgumentException("authority level must be 1-3: " + code);
    }

    /** Whether an object of this class in a zone of this level is an access violation. */
    public boolean forbids(ObjectClass objectClass) {
        return switch (this) {
            case OPEN -> false;
            case AUTH_ONLY -> !objectClass.isAuthorised();
            case NO_ENTRY -> true;
        };
    }
}
