package vigil.app.map;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Measures text for canvas layout; FX thread only (one reused node). */
final class TextMetrics {
    private static final Text PROBE = new Text();

    private TextMetrics() {
    }

    static double width(String text, Font font) {
        PROBE.setFont(font);
        PROBE.setText(text);
        return PROBE.getLayoutBounds().getWidth();
    }
}
