package vigil.app.map;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.shape.FillRule;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.ObjectClass;

/**
 * The map's object icons: each class's glyph (assets: icons/objects.properties) in white on a
 * badge whose shape and colour say why it alarms, so that hazards, violations and rescues differ
 * without colour too: a diamond for a hazard, a circle for a violation, a square for a rescue.
 * Drawn once per size into images, since thousands of objects are drawn every frame.
 */
public final class ObjectGlyphs {
    private static final double GLYPH_BOX = 24;
    private static final Map<ObjectClass, String> PATHS = load("/vigil/assets/icons/objects.properties");

    private final Map<EventType, Map<ObjectClass, Image>> sprites = new EnumMap<>(EventType.class);
    private final double size;

    /** Draws the sprites: on the FX thread, {@code size} pixels across. */
    public ObjectGlyphs(double size, MapPalette palette) {
        this.size = size;
        for (EventType alarm : EventType.values()) {
            Map<ObjectClass, Image> byClass = new EnumMap<>(ObjectClass.class);
            for (ObjectClass objectClass : ObjectClass.values()) {
                byClass.put(objectClass, draw(objectClass, alarm, palette.alarm(alarm), size));
            }
            sprites.put(alarm, byClass);
        }
    }

    public double size() {
        return size;
    }

    public Image sprite(ObjectClass objectClass, EventType alarm) {
        return sprites.get(alarm).get(objectClass);
    }

    /** The glyph alone, for lists and pop-ups: drawn in {@code color}, {@code size} pixels across. */
    public static Image glyph(ObjectClass objectClass, Color color, double size) {
        Canvas canvas = new Canvas(size, size);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.scale(size / GLYPH_BOX, size / GLYPH_BOX);
        fillGlyph(gc, objectClass, color);
        return snapshot(canvas);
    }

    private static Image draw(ObjectClass objectClass, EventType alarm, Color badge, double size) {
        Canvas canvas = new Canvas(size, size);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        double inset = 1.5;
        double span = size - 2 * inset;
        gc.setFill(badge);
        gc.setStroke(Color.rgb(0, 0, 0, 0.55));
        gc.setLineWidth(1.5);
        switch (alarm) {
            case HAZARD -> {
                double mid = size / 2;
                double[] xs = {mid, size - inset, mid, inset};
                double[] ys = {inset, mid, size - inset, mid};
                gc.fillPolygon(xs, ys, 4);
                gc.strokePolygon(xs, ys, 4);
            }
            case UNAUTH -> {
                gc.fillOval(inset, inset, span, span);
                gc.strokeOval(inset, inset, span, span);
            }
            case RESCUE -> {
                gc.fillRoundRect(inset, inset, span, span, size / 4, size / 4);
                gc.strokeRoundRect(inset, inset, span, span, size / 4, size / 4);
            }
        }
        double glyph = alarm == EventType.HAZARD ? size * 0.5 : size * 0.62;
        gc.translate((size - glyph) / 2, (size - glyph) / 2);
        gc.scale(glyph / GLYPH_BOX, glyph / GLYPH_BOX);
        fillGlyph(gc, objectClass, Color.WHITE);
        return snapshot(canvas);
    }

    private static void fillGlyph(GraphicsContext gc, ObjectClass objectClass, Color color) {
        gc.setFill(color);
        gc.setFillRule(FillRule.EVEN_ODD);
        gc.beginPath();
        gc.appendSVGPath(PATHS.get(objectClass));
        gc.fill();
    }

    private static Image snapshot(Canvas canvas) {
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.TRANSPARENT);
        return canvas.snapshot(parameters, null);
    }

    private static Map<ObjectClass, String> load(String resource) {
        Properties properties = AssetProperties.load(resource);
        Map<ObjectClass, String> paths = new EnumMap<>(ObjectClass.class);
        for (ObjectClass objectClass : ObjectClass.values()) {
            String path = properties.getProperty(objectClass.name());
            if (path == null) {
                throw new IllegalStateException("no icon for " + objectClass + " in " + resource);
            }
            paths.put(objectClass, path);
        }
        return paths;
    }
}
