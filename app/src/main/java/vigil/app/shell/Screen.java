package vigil.app.shell;

/** The console's screens, in the order of their Shortcut+digit keys. */
public enum Screen {
    LIVE("Live"), INCIDENTS("Incidents"), ACCESS("Access"), CAMERAS("Cameras"), LOGS("Logs");

    private final String title;

    Screen(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
