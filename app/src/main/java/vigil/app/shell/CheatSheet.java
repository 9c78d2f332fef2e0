package vigil.app.shell;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The {@code ?} sheet: the bindings of the current screen (and the global and pop-up ones), from {@link Shortcut}. */
final class CheatSheet {

    private CheatSheet() {
    }

    static VBox of(Screen screen) {
        VBox sheet = new VBox(14);
        sheet.setId("cheat-sheet");
        sheet.setPadding(new Insets(4));
        for (Shortcut.Scope scope : new Shortcut.Scope[] {Shortcut.Scope.of(screen), Shortcut.Scope.POPUP, Shortcut.Scope.GLOBAL}) {
            Label title = new Label(scope.title().toUpperCase());
            title.getStyleClass().add("pane-title");
            GridPane grid = new GridPane(18, 4);
            int row = 0;
            for (Shortcut shortcut : Shortcut.in(scope)) {
                Label keys = new Label(shortcut.keys().getDisplayText());
                keys.getStyleClass().add("key-cap");
                grid.addRow(row++, keys, new Label(shortcut.description()));
            }
            sheet.getChildren().addAll(title, grid);
        }
        return sheet;
    }
}
