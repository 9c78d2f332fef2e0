package vigil.app.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import vigil.app.live.LiveObject;
import vigil.protocol.wire.Area;
import vigil.storage.SiteCamera;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.EventType;

/**
 * The site plan with its zones and live objects, scaled to fit any size with the map's aspect.
 * Two canvases: the plan (redrawn only when the levels, the selection or the size change) and the
 * objects above it (redrawn every frame it is given). Only the FX thread touches it.
 */
public final class ZoneMapView extends Region {
    /**
     * Beyond this many objects the map is a crowd: each object becomes a small marker of its
     * alarm's shape (no icon, trail or label; the hover card still tells all). A crowd of icons is
     * unreadable anyway, and JavaFX's software renderer draws images and strokes about ten times
     * slower than fills, which would cost the frame rate.
     */
    static final int CROWD = 300;
    private static final long FLASH_MILLIS = 1_500;
    private static final long FADE_GRACE_MILLIS = 300;
    private static final double MARGIN = 10;

    private final Canvas plan = new Canvas();
    private final Canvas objects = new Canvas();
    private final SitePlan site;
    private MapPalette palette = MapPalette.DARK;
    private boolean showLevels = true;
    private ObjectGlyphs glyphs;

    // The transform from map space to pixels, and what the plan canvas last drew.
    private static final double CAMERA_REACH = 70;
    private static final double CAMERA_FIELD_OF_VIEW = 60;
    private double scale = 1;
    private double originX;
    private double originY;
    private Object drawnPlanKey;
    private MapFrame lastFrame;
    private List<SiteCamera> cameras = List.of();

    // Where each object was drawn last frame, for hit tests.
    private final List<LiveObject> drawn = new ArrayList<>();
    private double[] drawnX = new double[64];
    private double[] drawnY = new double[64];

    public ZoneMapView(SitePlan site) {
        this.site = site;
        getStyleClass().add("zone-map");
        getChildren().addAll(plan, objects);
        setMinSize(240, 180);
        setPrefSize(960, 720);
    }

    /** Without levels the plan shows the zones' names only (a mini-map of a past incident). */
    public void setShowLevels(boolean showLevels) {
        this.showLevels = showLevels;
        this.drawnPlanKey = null;
    }

    /** The site's cameras: those placed on the map are drawn with where they look. */
    public void setCameras(List<SiteCamera> cameras) {
        this.cameras = cameras.stream().filter(camera -> camera.placement() != null).toList();
        this.drawnPlanKey = null;
    }

    public void setPalette(MapPalette palette) {
        this.palette = palette;
        this.glyphs = null;
        this.drawnPlanKey = null;
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        for (Canvas canvas : List.of(plan, objects)) {
            canvas.setWidth(width);
            canvas.setHeight(height);
        }
        scale = Math.max(0.1, Math.min((width - 2 * MARGIN) / Area.MAP_WIDTH, (height - 2 * MARGIN) / Area.MAP_HEIGHT));
        originX = (width - Area.MAP_WIDTH * scale) / 2;
        originY = (height - Area.MAP_HEIGHT * scale) / 2;
        drawnPlanKey = null;
        if (lastFrame != null) {
            draw(lastFrame); // a resized canvas is blank
        }
    }

    /** Draws a frame; cheap when only the objects changed. */
    public void draw(MapFrame frame) {
        lastFrame = frame;
        Object planKey = List.of(getWidth(), getHeight(), palette, Objects.requireNonNullElse(frame.levels(), List.of()),
                frame.disputedZones(), Objects.requireNonNullElse(frame.pendingLevels(), List.of()),
                String.valueOf(frame.selectedZone()));
        if (!planKey.equals(drawnPlanKey)) {
            drawPlan(frame);
            drawnPlanKey = planKey;
        }
        drawObjects(frame);
    }

    /** The objects drawn in the last frame (faded-out ones are not). */
    public List<LiveObject> drawnObjects() {
        return List.copyOf(drawn);
    }

    /** The zone under a point of this view, or null. */
    public Area zoneAt(double x, double y) {
        Area area = Area.at((x - originX) / scale, (y - originY) / scale);
        return area.isZone() ? area : null;
    }

    /** The object drawn nearest a point of this view, within its icon, or null. */
    public LiveObject objectAt(double x, double y) {
        double reach = glyphSize() * 0.6;
        LiveObject nearest = null;
        double best = reach * reach;
        for (int i = drawn.size() - 1; i >= 0; i--) {
            double dx = drawnX[i] - x;
            double dy = drawnY[i] - y;
            double distance = dx * dx + dy * dy;
            if (distance <= best) {
                best = distance;
                nearest = drawn.get(i);
            }
        }
        return nearest;
    }

    private double glyphSize() {
        return Math.round(Math.max(16, Math.min(34, 26 * scale * 1.4)));
    }

    private double px(double mapX) {
        return originX + mapX * scale;
    }

    private double py(double mapY) {
        return originY + mapY * scale;
    }

    // ---- the plan ----

    private void drawPlan(MapFrame frame) {
        GraphicsContext gc = plan.getGraphicsContext2D();
        gc.setFill(palette.background());
        gc.fillRect(0, 0, plan.getWidth(), plan.getHeight());
        for (Area zone : Area.ZONES) {
            drawSurface(gc, zone);
        }
        for (Area zone : Area.ZONES) {
            if (showLevels) {
                drawLevel(gc, zone, frame);
            } else {
                drawZoneName(gc, zone);
            }
        }
        gc.setStroke(palette.mutedText());
        gc.setLineWidth(1);
        gc.strokeRect(px(0), py(0), Area.MAP_WIDTH * scale, Area.MAP_HEIGHT * scale);
        if (showLevels) {
            cameras.forEach(camera -> drawCamera(gc, camera));
        }
    }

    /** A camera: a wedge for where it looks (60°), a small body, its name. */
    private void drawCamera(GraphicsContext gc, SiteCamera camera) {
        SiteCamera.Placement at = camera.placement();
        double x = px(at.x());
        double y = py(at.y());
        double reach = CAMERA_REACH * scale;
        double heading = Math.toRadians(at.heading() - 90); // 0° is the map's up
        double half = Math.toRadians(CAMERA_FIELD_OF_VIEW / 2);
        double[] wedgeX = {x, x + reach * Math.cos(heading - half), x + reach * Math.cos(heading + half)};
        double[] wedgeY = {y, y + reach * Math.sin(heading - half), y + reach * Math.sin(heading + half)};
        gc.setFill(palette.selection().deriveColor(0, 1, 1, 0.14));
        gc.fillPolygon(wedgeX, wedgeY, 3);
        gc.setStroke(palette.selection().deriveColor(0, 1, 1, 0.45));
        gc.setLineWidth(1);
        gc.strokePolygon(wedgeX, wedgeY, 3);
        double size = Math.max(8, 12 * scale * 1.3);
        gc.setFill(palette.background());
        gc.fillOval(x - size * 0.75, y - size * 0.75, size * 1.5, size * 1.5);
        gc.setFill(palette.selection());
        gc.fillRoundRect(x - size / 2, y - size / 3, size * 0.7, size * 0.66, 3, 3);
        gc.fillPolygon(new double[] {x + size * 0.2, x + size / 2, x + size / 2},
                new double[] {y, y - size / 3, y + size / 3}, 3);
        gc.setFont(Font.font("System", FontWeight.NORMAL, Math.max(9, 10 * scale * 1.3)));
        gc.setFill(palette.mutedText());
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(camera.name(), x + size * 0.9, y + size * 0.2);
    }

    private void drawSurface(GraphicsContext gc, Area zone) {
        double[] b = zone.bounds();
        double x = px(b[0]);
        double y = py(b[1]);
        double w = b[2] * scale;
        double h = b[3] * scale;
        SitePlan.Surface surface = site.zone(zone).surface();
        gc.setFill(switch (surface) {
            case RUNWAY -> palette.runway();
            case TAXIWAY -> palette.taxiway();
            case GRASS -> palette.grass();
        });
        gc.fillRect(x, y, w, h);
        gc.setLineCap(StrokeLineCap.BUTT);
        switch (surface) {
            case RUNWAY -> {
                double inset = 14 * scale;
                gc.setStroke(palette.marking());
                gc.setLineWidth(Math.max(1, 2 * scale));
                gc.strokeLine(x + inset, y + inset, x + w - inset, y + inset);
                gc.strokeLine(x + inset, y + h - inset, x + w - inset, y + h - inset);
                gc.setLineWidth(Math.max(1, 3 * scale));
                gc.setLineDashes(34 * scale, 22 * scale);
                gc.strokeLine(x + 110 * scale, y + h / 2, x + w - 110 * scale, y + h / 2);
                gc.setLineDashes();
                double barHeight = (h - 2 * inset) / 17;
                gc.setFill(palette.marking());
                for (int i = 0; i < 8; i++) {
                    double barY = y + inset + barHeight * (1 + 2 * i);
                    gc.fillRect(x + 24 * scale, barY, 46 * scale, barHeight);
                    gc.fillRect(x + w - 70 * scale, barY, 46 * scale, barHeight);
                }
            }
            case TAXIWAY -> {
                gc.setStroke(palette.taxiLine());
                gc.setLineWidth(Math.max(1, 2.5 * scale));
                gc.strokeLine(x + w / 2, y, x + w / 2, y + h);
                gc.setLineWidth(Math.max(1, 1.5 * scale));
                gc.strokeLine(x + w / 2 - 12 * scale, y + 6 * scale, x + w / 2 + 12 * scale, y + 6 * scale);
                gc.strokeLine(x + w / 2 - 12 * scale, y + h - 6 * scale, x + w / 2 + 12 * scale, y + h - 6 * scale);
            }
            case GRASS -> {
                gc.setStroke(palette.grass().brighter());
                gc.setLineWidth(1);
                gc.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
            }
        }
    }

    private void drawLevel(GraphicsContext gc, Area zone, MapFrame frame) {
        double[] b = zone.bounds();
        double x = px(b[0]);
        double y = py(b[1]);
        double w = b[2] * scale;
        double h = b[3] * scale;
        AuthorityLevel level = frame.level(zone);
        AuthorityLevel pending = frame.pendingLevel(zone);
        boolean changing = pending != null && pending != level;
        AuthorityLevel shown = changing ? pending : level;
        Color color = palette.level(shown);

        gc.save();
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.clip();
        if (shown == AuthorityLevel.AUTH_ONLY || shown == AuthorityLevel.NO_ENTRY) {
            gc.setFill(color.deriveColor(0, 1, 1, shown == AuthorityLevel.NO_ENTRY ? 0.16 : 0.08));
            gc.fillRect(x, y, w, h);
            gc.setStroke(color.deriveColor(0, 1, 1, shown == AuthorityLevel.NO_ENTRY ? 0.30 : 0.12));
            gc.setLineWidth(Math.max(1, 1.5 * scale));
            double spacing = (shown == AuthorityLevel.NO_ENTRY ? 18 : 26) * Math.max(scale, 0.5);
            for (double offset = -h; offset < w; offset += spacing) {
                gc.strokeLine(x + offset, y + h, x + offset + h, y);
                if (shown == AuthorityLevel.NO_ENTRY) {
                    gc.strokeLine(x + offset, y, x + offset + h, y + h);
                }
            }
        }
        gc.restore();

        double border = shown == AuthorityLevel.NO_ENTRY ? 3 : shown == null ? 1 : 1.5;
        gc.setStroke(color.deriveColor(0, 1, 1, shown == AuthorityLevel.OPEN ? 0.55 : 0.9));
        gc.setLineWidth(border);
        if (shown == null) {
            gc.setLineDashes(4, 4);
        }
        gc.strokeRect(x + border / 2, y + border / 2, w - border, h - border);
        gc.setLineDashes();
        if (changing || zone == frame.selectedZone()) {
            gc.setStroke(palette.selection());
            gc.setLineWidth(zone == frame.selectedZone() ? 4 : 2.5);
            if (changing && zone != frame.selectedZone()) {
                gc.setLineDashes(10, 6);
            }
            gc.strokeRect(x + 3, y + 3, w - 6, h - 6);
            gc.setLineDashes();
        }
        drawZoneLabel(gc, zone, x, y, level, changing ? pending : null, frame.disputedZones().contains(zone));
    }

    /** The zone's name and level, and under them, when the nodes hold different levels for it, a word of that. */
    private void drawZoneLabel(GraphicsContext gc, Area zone, double x, double y, AuthorityLevel level, AuthorityLevel pending,
            boolean disputed) {
        double fontSize = Math.max(10, Math.min(15, 13 * scale * 1.3));
        Font name = Font.font("System", FontWeight.BOLD, fontSize);
        Font detail = Font.font("System", FontWeight.NORMAL, fontSize * 0.85);
        String levelText = zone.zoneNumber() + " · " + levelName(level) + (pending == null ? "" : "  →  " + levelName(pending));
        String disputeText = disputed ? "nodes differ: strictest shown" : "";
        double pad = 6;
        double width = Math.max(TextMetrics.width(site.shortLabel(zone), name),
                Math.max(TextMetrics.width(levelText, detail), TextMetrics.width(disputeText, detail))) + 2 * pad;
        double height = fontSize * (disputed ? 3.35 : 2.3) + pad;
        double left = x + 8;
        double top = y + 8;
        gc.setFill(palette.background().deriveColor(0, 1, 1, 0.78));
        gc.fillRoundRect(left, top, width, height, 8, 8);
        gc.setFill(palette.level(pending != null ? pending : level));
        gc.fillRect(left, top + 3, 3, height - 6);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.setFill(palette.text());
        gc.setFont(name);
        gc.fillText(site.shortLabel(zone), left + pad, top + pad / 2 + 1);
        gc.setFont(detail);
        gc.setFill(pending != null ? palette.selection() : palette.level(level));
        gc.fillText(levelText, left + pad, top + pad / 2 + fontSize * 1.25);
        if (disputed) {
            gc.setFill(palette.text());
            gc.fillText(disputeText, left + pad, top + pad / 2 + fontSize * 2.3);
        }
    }

    private void drawZoneName(GraphicsContext gc, Area zone) {
        double[] b = zone.bounds();
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.setFont(Font.font("System", FontWeight.BOLD, Math.max(9, 12 * scale * 1.3)));
        gc.setFill(palette.mutedText());
        gc.fillText(site.shortLabel(zone), px(b[0]) + 5, py(b[1]) + 4);
    }

    public static String levelName(AuthorityLevel level) {
        return level == null ? "LEVEL ?" : level.name().replace('_', ' ');
    }

    // ---- the objects ----

    private void drawObjects(MapFrame frame) {
        GraphicsContext gc = objects.getGraphicsContext2D();
        gc.clearRect(0, 0, objects.getWidth(), objects.getHeight());
        drawFlashes(gc, frame);
        double size = glyphSize();
        if (glyphs == null || glyphs.size() != size) {
            glyphs = new ObjectGlyphs(size, palette);
        }
        List<LiveObject> all = frame.objects();
        drawn.clear();
        if (drawnX.length < all.size()) {
            drawnX = new double[all.size() * 2];
            drawnY = new double[all.size() * 2];
        }
        boolean crowd = all.size() > CROWD;
        int unplaced = 0;
        double[] trailX = new double[64];
        double[] trailY = new double[64];
        gc.setImageSmoothing(false); // sprites are drawn at their size, on whole pixels
        gc.setFont(Font.font("System", FontWeight.BOLD, Math.max(10, size * 0.45)));
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setLineDashes();
        double opacityNow = 1;
        gc.setGlobalAlpha(1);
        for (LiveObject object : all) {
            double opacity = opacity(object, frame);
            if (opacity <= 0) {
                continue;
            }
            double cx;
            double cy;
            boolean pinned = !object.isOnMap();
            if (object.x() < 0 && object.y() < 0) { // position unknown: a row along the map's left edge
                cx = px(0) + size / 2 + 2;
                cy = py(0) + size * (1.2 + 1.1 * unplaced++);
            } else {
                cx = px(Math.clamp(object.x(), 0, Area.MAP_WIDTH));
                cy = py(Math.clamp(object.y(), 0, Area.MAP_HEIGHT));
            }
            if (opacity != opacityNow) {
                gc.setGlobalAlpha(opacity);
                opacityNow = opacity;
            }
            Color color = palette.alarm(object.alarm());
            boolean selected = sameObject(object, frame.selected());
            if (crowd) {
                drawMarker(gc, object, color, cx, cy, size * 0.22);
            } else {
                float[] trail = object.trail();
                int points = trail.length / 2;
                if (points > 1 && !pinned) {
                    for (int i = 0; i < points; i++) {
                        trailX[i] = px(trail[i * 2]);
                        trailY[i] = py(trail[i * 2 + 1]);
                    }
                    trailX[points] = cx;
                    trailY[points] = cy;
                    gc.setStroke(color);
                    gc.setGlobalAlpha(opacity * 0.45);
                    gc.setLineWidth(Math.max(1.5, 2.5 * scale));
                    gc.strokePolyline(trailX, trailY, points + 1);
                    gc.setGlobalAlpha(opacity);
                }
                if (object.alarm() == EventType.RESCUE) {
                    double pulse = 0.5 + 0.5 * Math.sin(frame.now() / 160.0);
                    gc.setStroke(color);
                    gc.setLineWidth(2);
                    double ring = size * (0.75 + 0.25 * pulse);
                    gc.strokeOval(cx - ring, cy - ring, ring * 2, ring * 2);
                }
                gc.drawImage(glyphs.sprite(object.objectClass(), object.alarm()), Math.round(cx - size / 2), Math.round(cy - size / 2));
                if (object.isDown()) {
                    drawRescueBar(gc, object.rescueLevel(), cx, cy + size / 2 + 3, size);
                }
            }
            if (pinned) {
                drawPinMarker(gc, object, cx, cy, crowd ? size * 0.6 : size);
            }
            if (selected || sameObject(object, frame.hovered())) {
                gc.setStroke(palette.selection());
                gc.setLineWidth(selected ? 3 : 1.5);
                double ring = size * (crowd ? 0.5 : 0.8);
                gc.strokeOval(cx - ring, cy - ring, ring * 2, ring * 2);
            }
            if (!crowd || selected) {
                gc.setFill(palette.text());
                gc.fillText(shortId(object.id()), cx + size / 2 + 3, cy);
            }
            drawnX[drawn.size()] = cx;
            drawnY[drawn.size()] = cy;
            drawn.add(object);
        }
        gc.setGlobalAlpha(1);
        LiveObject card = frame.hovered() != null ? frame.hovered() : frame.selected();
        if (card != null) {
            drawCard(gc, card, frame.now());
        }
    }

    /** Nodes number objects with long ids; the map shows their last five digits, the card the whole id. */
    public static String shortId(long id) {
        String digits = Long.toString(id);
        return digits.length() <= 5 ? "#" + digits : "#…" + digits.substring(digits.length() - 5);
    }

    /** A crowd's marker: the alarm's shape (diamond, circle, square) in its colour, a person down with a bar. */
    private void drawMarker(GraphicsContext gc, LiveObject object, Color color, double cx, double cy, double radius) {
        gc.setFill(color);
        switch (object.alarm()) {
            case HAZARD -> gc.fillPolygon(new double[] {cx, cx + radius, cx, cx - radius}, new double[] {cy - radius, cy, cy + radius, cy}, 4);
            case UNAUTH -> gc.fillOval(cx - radius, cy - radius, 2 * radius, 2 * radius);
            case RESCUE -> gc.fillRect(cx - radius, cy - radius, 2 * radius, 2 * radius);
        }
        if (object.isDown()) {
            double width = radius * 3;
            gc.setFill(palette.background());
            gc.fillRect(cx - width / 2, cy + radius + 2, width, 3);
            gc.setFill(color);
            gc.fillRect(cx - width / 2, cy + radius + 2, width * Math.min(object.rescueLevel(), 10) / 10, 3);
        }
    }

    private static boolean sameObject(LiveObject object, LiveObject other) {
        return other != null && other.id() == object.id() && other.node().equals(object.node());
    }

    private static double opacity(LiveObject object, MapFrame frame) {
        long age = frame.now() - object.lastSeen();
        if (age <= FADE_GRACE_MILLIS) {
            return 1;
        }
        return 1 - (double) (age - FADE_GRACE_MILLIS) / Math.max(1, frame.expiryMillis() - FADE_GRACE_MILLIS);
    }

    private void drawFlashes(GraphicsContext gc, MapFrame frame) {
        frame.violationsStarted().forEach((zone, startedAt) -> {
            long since = frame.now() - startedAt;
            if (since < 0 || since > FLASH_MILLIS) {
                return;
            }
            double[] b = zone.bounds();
            double strength = (1 - (double) since / FLASH_MILLIS) * (0.6 + 0.4 * Math.cos(since / 90.0));
            gc.setFill(palette.violation().deriveColor(0, 1, 1, 0.22 * strength));
            gc.fillRect(px(b[0]), py(b[1]), b[2] * scale, b[3] * scale);
            gc.setStroke(palette.violation().deriveColor(0, 1, 1, strength));
            gc.setLineWidth(5);
            gc.strokeRect(px(b[0]) + 2.5, py(b[1]) + 2.5, b[2] * scale - 5, b[3] * scale - 5);
        });
    }

    /** An arrow from the pinned icon towards where the object really is (off the map), or a "?" (unknown). */
    private void drawPinMarker(GraphicsContext gc, LiveObject object, double cx, double cy, double size) {
        gc.setFill(palette.text());
        gc.setStroke(palette.background());
        gc.setLineWidth(1);
        if (object.x() < 0 && object.y() < 0) {
            double r = size * 0.28;
            double mx = cx + size * 0.45;
            double my = cy - size * 0.45;
            gc.fillOval(mx - r, my - r, 2 * r, 2 * r);
            gc.setFill(palette.background());
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText("?", mx, my);
            gc.setTextAlign(TextAlignment.LEFT);
            return;
        }
        double dx = object.x() < 0 ? -1 : object.x() > Area.MAP_WIDTH ? 1 : 0;
        double dy = object.y() < 0 ? -1 : object.y() > Area.MAP_HEIGHT ? 1 : 0;
        double length = Math.hypot(dx, dy);
        dx /= length;
        dy /= length;
        double tipX = cx + dx * size * 0.85;
        double tipY = cy + dy * size * 0.85;
        double baseX = cx + dx * size * 0.5;
        double baseY = cy + dy * size * 0.5;
        double half = size * 0.22;
        double[] xs = {tipX, baseX - dy * half, baseX + dy * half};
        double[] ys = {tipY, baseY + dx * half, baseY - dx * half};
        gc.fillPolygon(xs, ys, 3);
        gc.strokePolygon(xs, ys, 3);
    }

    private void drawRescueBar(GraphicsContext gc, int level, double cx, double top, double size) {
        double width = size * 1.4;
        double segment = width / 10;
        double height = Math.max(4, size * 0.18);
        double left = cx - width / 2;
        gc.setFill(palette.background().deriveColor(0, 1, 1, 0.85));
        gc.fillRect(left - 1, top - 1, width + 2, height + 2);
        gc.setFill(palette.rescue());
        for (int i = 0; i < Math.min(level, 10); i++) {
            gc.fillRect(left + i * segment + 0.5, top, segment - 1, height);
        }
    }

    private void drawCard(GraphicsContext gc, LiveObject object, long now) {
        int index = drawn.indexOf(object);
        double cx;
        double cy;
        if (index >= 0) {
            cx = drawnX[index];
            cy = drawnY[index];
        } else {
            return;
        }
        Font title = Font.font("System", FontWeight.BOLD, 13);
        Font body = Font.font("System", 12);
        String heading = ObjectText.describe(object.objectClass(), object.alarm(), object.rescueLevel());
        List<String> lines = List.of(
                "#" + object.id() + " · " + site.label(object.area()),
                "seen " + ObjectText.age(now - object.firstSeen()) + (object.isOnMap() ? "" : " · position off the map"),
                "node " + object.node());
        double width = TextMetrics.width(heading, title);
        for (String line : lines) {
            width = Math.max(width, TextMetrics.width(line, body));
        }
        width += 20;
        double height = 24 + lines.size() * 17;
        double left = cx + 22 + width > getWidth() ? cx - 22 - width : cx + 22;
        double top = Math.clamp(cy - height / 2, 4, Math.max(4, getHeight() - height - 4));
        gc.setFill(palette.background().deriveColor(0, 1, 1, 0.94));
        gc.fillRoundRect(left, top, width, height, 10, 10);
        gc.setStroke(palette.alarm(object.alarm()));
        gc.setLineWidth(1.5);
        gc.strokeRoundRect(left, top, width, height, 10, 10);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.setFill(palette.alarm(object.alarm()));
        gc.setFont(title);
        gc.fillText(heading, left + 10, top + 6);
        gc.setFill(palette.text());
        gc.setFont(body);
        for (int i = 0; i < lines.size(); i++) {
            gc.fillText(lines.get(i), left + 10, top + 25 + i * 17);
        }
        gc.setTextBaseline(VPos.CENTER);
    }
}
