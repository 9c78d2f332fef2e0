package vigil.app.console;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** What the settings' pages of site records (cameras, alert targets and rules, actions) and their forms are built of. */
public final class SettingsControls {
    private SettingsControls() {
    }

    /** A column of {@code value}'s words for each row. */
    public static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** Why what a form holds cannot be saved, in the words its record refuses it with, or null when it can. */
    public static String refusal(Supplier<?> record) {
        try {
            record.get();
            return null;
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
    }

    /** A form's grid: labels in the first column, read whole; the fields take what is left. */
    public static GridPane form() {
        GridPane grid = new GridPane(10, 8);
        grid.setPadding(new Insets(8));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        return grid;
    }

    /** Asks before a removal, over the page's window: whether OK was chosen. */
    public static boolean confirmed(Node page, String question, String words) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, words, ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(page.getScene() == null ? null : page.getScene().getWindow());
        confirm.setHeaderText(question);
        return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    /** Once {@code write} is in the store: {@code done} in {@code outcome}, then {@code then}; or why it was not kept. */
    public static void saved(Tasks tasks, CompletableFuture<?> write, Label outcome, String done, Runnable then) {
        tasks.whenDone(write, ok -> {
            outcome.setText(done);
            then.run();
        }, error -> outcome.setText("Not saved: " + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage())));
    }

    /** A button that does what its key does in the table ("Remove  Del"). */
    public static Button button(String text, BooleanSupplier action) {
        Button button = new Button(text);
        button.setOnAction(e -> action.getAsBoolean());
        return button;
    }
}
