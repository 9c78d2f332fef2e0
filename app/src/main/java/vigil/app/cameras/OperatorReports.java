package vigil.app.cameras;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import vigil.app.camera.EvidenceClips;
import vigil.app.camera.StillPictures;
import vigil.app.console.Tasks;
import vigil.app.incidents.IncidentBoard;
import vigil.app.operators.NotPermittedException;
import vigil.storage.ActionKind;
import vigil.storage.Right;

/**
 * Operators' reports from the wall, for what the detectors missed. Ctrl+R on a camera records an
 * incident at once, with the camera's picture of that moment, and starts its clip from the camera's
 * {@code pre} before; Ctrl+R on it again stops the clip and asks what was seen, for the incident's
 * history. A clip nobody stops ends after {@link EvidenceClips#LONGEST_REPORT}. FX thread only.
 */
public final class OperatorReports {
    private final EvidenceClips clips;
    private final IncidentBoard board;
    private final Tasks tasks;
    /** The cameras recording a report, with when each began; a report still being written has none yet. */
    private final Map<String, Recording> recording = new HashMap<>();

    private record Recording(long sinceMillis, EvidenceClips.OperatorReport report) {
    }

    public OperatorReports(EvidenceClips clips, IncidentBoard board, Tasks tasks) {
        this.clips = clips;
        this.board = board;
        this.tasks = tasks;
    }

    /**
     * How long {@code camera} has been recording a report, in milliseconds, or -1 when it is not: a
     * report shows as recording once its incident is durable.
     */
    public long recordingFor(String camera, long nowMillis) {
        Recording now = recording.get(camera);
        return now == null || now.report() == null ? -1 : nowMillis - now.sinceMillis();
    }

    /**
     * Starts a report on {@code camera}, whose newest picture is {@code picture}, or stops the one it
     * is recording; {@code tell} shows the operator what became of it, in a sentence.
     */
    public void toggle(String camera, WritableImage picture, Window owner, Consumer<String> tell) {
        Recording under = recording.get(camera);
        if (under == null) {
            start(camera, picture, tell);
        } else if (under.report() != null) {
            stop(camera, under.report(), owner, tell);
        }
    }

    private void start(String camera, WritableImage picture, Consumer<String> tell) {
        String operator;
        try {
            operator = board.desk().require(Right.MANUAL_CLIP);
        } catch (NotPermittedException refused) {
            tell.accept(refused.getMessage());
            return;
        }
        if (picture == null) {
            tell.accept("No picture from " + camera + " yet: there is nothing to report from");
            return;
        }
        int width = (int) picture.getWidth();
        int height = (int) picture.getHeight();
        int[] argb = new int[width * height]; // copied here: the decoder reuses the picture's buffer
        picture.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        long since = System.currentTimeMillis();
        recording.put(camera, new Recording(since, null));
        tasks.whenDone(CompletableFuture.supplyAsync(() -> StillPictures.jpeg(width, height, argb))
                .thenCompose(jpeg -> clips.report(camera, operator, jpeg)), report -> {
            recording.put(camera, new Recording(since, report));
            board.changed(report.incident());
            tell.accept("Recording " + camera + " for report " + report.incident().id() + " · Ctrl+R again stops it");
            tasks.whenDone(report.capture().result(), clip -> ended(camera, report, tell), failure -> ended(camera, report, tell));
        }, failure -> {
            recording.remove(camera);
            tell.accept("The report from " + camera + " was not recorded: " + failure.getMessage());
        });
    }

    /** The clip is captured: stopped by the operator, or at its longest. */
    private void ended(String camera, EvidenceClips.OperatorReport report, Consumer<String> tell) {
        Recording now = recording.get(camera);
        if (now != null && now.report() == report) {
            recording.remove(camera);
            tell.accept("Report " + report.incident().id() + " from " + camera + " stopped recording after "
                    + EvidenceClips.LONGEST_REPORT.toMinutes() + " minutes");
        }
    }

    private void stop(String camera, EvidenceClips.OperatorReport report, Window owner, Consumer<String> tell) {
        recording.remove(camera);
        report.stop();
        long id = report.incident().id();
        tell.accept("Report " + id + " from " + camera + " stopped: its clip is being stored");
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(owner);
        dialog.setTitle("Report " + id);
        dialog.setHeaderText("What did you see on " + camera + "? The note goes in report " + id
                + "'s history (Esc leaves it without one).");
        dialog.getEditor().setPrefColumnCount(48);
        dialog.showAndWait().map(String::strip).filter(note -> !note.isEmpty() && !board.desk().isLocked())
                .ifPresent(note -> board.act(List.of(id), ActionKind.NOTE, note).thenAccept(outcome -> {
                    if (outcome.changed().isEmpty()) {
                        tell.accept("The note was not kept in report " + id + ": " + String.join("; ", outcome.refusals()));
                    }
                }));
    }
}
