package vigil.app.authority;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import vigil.app.map.MapPalette;
import vigil.app.operators.Desk;
import vigil.app.shell.KeyBindings;
import vigil.app.shell.NodeChooser;
import vigil.app.shell.ScreenView;
import vigil.app.shell.Shortcut;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;

/** The Access screen: one zone editor per node, the chosen node's shown; the keys act on it. */
public final class AccessScreen implements ScreenView {
    private final List<AuthorityView> editors;
    private final BorderPane root = new BorderPane();
    private AuthorityView current;

    public AccessScreen(List<AuthorityView> editors, KeyBindings keys) {
        this.editors = List.copyOf(editors);
        this.current = editors.getFirst();
        if (editors.size() > 1) {
            ComboBox<AuthorityView> node = NodeChooser.of(editors, editor -> editor.model().nodeName());
            node.valueProperty().addListener((o, old, chosen) -> show(chosen));
            HBox bar = new HBox(8, new Label("Zone levels of"), node);
            bar.setAlignment(Pos.CENTER_LEFT);
            bar.setPadding(new Insets(12, 12, 0, 12));
            root.setTop(bar);
        }
        root.setCenter(current.node());

        List<Shortcut> zoneKeys = List.of(Shortcut.ACCESS_ZONE_1, Shortcut.ACCESS_ZONE_2, Shortcut.ACCESS_ZONE_3,
                Shortcut.ACCESS_ZONE_4, Shortcut.ACCESS_ZONE_5, Shortcut.ACCESS_ZONE_6, Shortcut.ACCESS_ZONE_7, Shortcut.ACCESS_ZONE_8);
        for (int i = 0; i < zoneKeys.size(); i++) {
            Area zone = Area.ZONES.get(i);
            keys.on(zoneKeys.get(i), () -> current.model().select(zone));
        }
        keys.on(Shortcut.ACCESS_OPEN, () -> current.model().set(AuthorityLevel.OPEN));
        keys.on(Shortcut.ACCESS_AUTH_ONLY, () -> current.model().set(AuthorityLevel.AUTH_ONLY));
        keys.on(Shortcut.ACCESS_NO_ENTRY, () -> current.model().set(AuthorityLevel.NO_ENTRY));
        keys.on(Shortcut.ACCESS_APPLY, () -> current.confirmAndApply());
        keys.on(Shortcut.ACCESS_REVERT, () -> current.model().revert());
        keys.on(Shortcut.ACCESS_REFRESH, () -> current.model().askNode());
    }

    @Override
    public void setPalette(MapPalette palette) {
        editors.forEach(editor -> editor.setPalette(palette));
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        current.shown();
    }

    @Override
    public void rightsChanged(Desk desk) {
        editors.forEach(editor -> editor.rightsChanged(desk));
    }

    @Override
    public void pulse(long now) {
        current.pulse(now);
    }

    private void show(AuthorityView chosen) {
        current = chosen;
        root.setCenter(chosen.node());
        chosen.shown();
    }
}
