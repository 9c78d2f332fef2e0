package vigil.app.shell;

import javafx.scene.Node;
import vigil.app.map.MapPalette;
import vigil.app.operators.Desk;
import vigil.protocol.wire.Area;

/** A screen of the console: its root node, and what it does when shown and on each frame while shown. */
public interface ScreenView {
    Node node();

    default void shown() {
    }

    /** Another screen took its place: stop what only matters while it shows. */
    default void hidden() {
    }

    /** The map colours of the theme, for screens that draw the map. */
    default void setPalette(MapPalette palette) {
    }

    /** The zone of what the operator has selected here (a zone, an object, an incident), or null. */
    default Area focusedZone() {
        return null;
    }

    /** Someone signed in or the desk locked: disable what they may not do, saying why. */
    default void rightsChanged(Desk desk) {
    }

    /** Called once per frame while the screen shows; {@code now} in epoch milliseconds. */
    default void pulse(long now) {
    }
}
