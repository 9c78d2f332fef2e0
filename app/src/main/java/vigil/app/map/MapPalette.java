package vigil.app.map;

import javafx.scene.paint.Color;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.EventType;

/**
 * The map's colours for one theme. A canvas cannot look up the theme's CSS variables, so these
 * follow AtlantaFX's Primer palettes by hand, as the stylesheet uses them: a hazard is warning
 * (amber), an access violation accent (blue), a person down danger (red), everywhere in the console.
 */
public record MapPalette(
        Color background,
        Color runway,
        Color taxiway,
        Color grass,
        Color marking,
        Color taxiLine,
        Color text,
        Color mutedText,
        Color open,
        Color authOnly,
        Color noEntry,
        Color unknownLevel,
        Color hazard,
        Color violation,
        Color rescue,
        Color selection) {

    public static final MapPalette DARK = new MapPalette(
            Color.web("#0d1117"), Color.web("#30363d"), Color.web("#262c33"), Color.web("#15241b"),
            Color.web("#e6edf3", 0.75), Color.web("#d4a72c", 0.8), Color.web("#e6edf3"), Color.web("#8d96a0"),
            Color.web("#3fb950"), Color.web("#d29922"), Color.web("#f85149"), Color.web("#8d96a0"),
            Color.web("#e3b341"), Color.web("#4493f8"), Color.web("#f85149"), Color.web("#f0f6fc"));

    public static final MapPalette LIGHT = new MapPalette(
            Color.web("#f6f8fa"), Color.web("#8c959f"), Color.web("#afb8c1"), Color.web("#dcebd5"),
            Color.web("#ffffff", 0.9), Color.web("#9a6700", 0.9), Color.web("#1f2328"), Color.web("#59636e"),
            Color.web("#1a7f37"), Color.web("#9a6700"), Color.web("#cf222e"), Color.web("#59636e"),
            Color.web("#bf8700"), Color.web("#0969da"), Color.web("#cf222e"), Color.web("#1f2328"));

    public Color level(AuthorityLevel level) {
        if (level == null) {
            return unknownLevel;
        }
        return switch (level) {
            case OPEN -> open;
            case AUTH_ONLY -> authOnly;
            case NO_ENTRY -> noEntry;
        };
    }

    public Color alarm(EventType alarm) {
        return switch (alarm) {
            case HAZARD -> hazard;
            case UNAUTH -> violation;
            case RESCUE -> rescue;
        };
    }
}
