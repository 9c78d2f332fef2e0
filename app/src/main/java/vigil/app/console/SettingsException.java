package vigil.app.console;

/** The console's settings file cannot be read, or holds a value that is not one: the message names the file and the value. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
