package vigil.app.shell;

import java.util.List;
import java.util.function.Function;
import javafx.scene.control.ComboBox;
import javafx.util.StringConverter;

/** A drop-down of the nodes a screen can work on, by name and address; it never takes the focus from the keys. */
public final class NodeChooser {

    private NodeChooser() {
    }

    public static <T> ComboBox<T> of(List<T> items, Function<T, String> label) {
        ComboBox<T> chooser = new ComboBox<>();
        chooser.getItems().setAll(items);
        chooser.setValue(items.getFirst());
        chooser.setFocusTraversable(false);
        chooser.setConverter(new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : "node " + label.apply(item);
            }

            @Override
            public T fromString(String text) {
                throw new UnsupportedOperationException("not editable");
            }
        });
        return chooser;
    }
}
