package vigil.app.console;

import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
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

    /** A form's grid: labels in the first column, read whole; the fields take what is left. */
    public static GridPane form() {
        GridPane grid = new GridPane(10, 8);
        grid.setPadding(new Insets(8));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        return grid;
    }

    /** A button that does what its key does in the table ("Remove  Del"). */
    public static Button button(String text, BooleanSupplier action) {
        Button button = new Button(text);
        button.setOnAction(e -> action.getAsBoolean());
        return button;
    }
}
