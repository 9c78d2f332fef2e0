package vigil.app.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** What the console does with an error nobody handled: logs it and shows it, with the details folded away. */
public final class ErrorDialog {
    private static final Logger LOG = Logger.getLogger("vigil");

    private ErrorDialog() {
    }

    /** Installs the handler for every thread; dialogs go over {@code owner}. */
    public static void install(Window owner) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.log(Level.SEVERE, "unhandled error on " + thread.getName(), error);
            if (Platform.isFxApplicationThread()) {
                show(owner, error);
            } else {
                Platform.runLater(() -> show(owner, error));
            }
        });
    }

    /** Logs an error where no window can show it. */
    public static void log(Throwable error) {
        LOG.log(Level.SEVERE, "unhandled error", error);
    }

    public static void show(Window owner, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Vigil: unexpected error");
        alert.setHeaderText("Something went wrong. The console keeps running; incidents are still recorded.");
        alert.setContentText(error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea details = new TextArea(trace.toString());
        details.setEditable(false);
        details.setPrefRowCount(16);
        alert.getDialogPane().setExpandableContent(details);
        alert.show();
    }
}
