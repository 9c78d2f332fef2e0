package vigil.storage;

/** Something an operator may be allowed to do, and the least role that may. */
public enum Right {
    ACT_ON_INCIDENTS(Role.OPERATOR, "act on incidents"),
    MANUAL_CLIP(Role.OPERATOR, "record a manual clip"),
    CHANGE_AUTHORITY(Role.SUPERVISOR, "change zone authority levels"),
    EXPORT_EVIDENCE(Role.SUPERVISOR, "export evidence (which puts it on hold)"),
    RUN_SITE_ACTIONS(Role.SUPERVISOR, "run actions on the site (gates, sirens, lights)"),
    MANAGE_ACCOUNTS(Role.ADMIN, "manage operator accounts"),
    CHANGE_SETTINGS(Role.ADMIN, "change nodes, cameras, settings, retention and quota");

    private final Role least;
    private final String words;

    Right(Role least, String words) {
        this.least = least;
        this.words = words;
    }

    public Role least() {
        return least;
    }

    /** What it lets one do, to finish "only a supervisor may …". */
    public String words() {
        return words;
    }

    /** Why a role may not: "only a supervisor or an admin may export evidence". */
    public String refusal() {
        return switch (least) {
            case OPERATOR -> "only a signed-in operator may " + words;
            case SUPERVISOR -> "only a supervisor or an admin may " + words;
            case ADMIN -> "only an admin may " + words;
        };
    }
}
