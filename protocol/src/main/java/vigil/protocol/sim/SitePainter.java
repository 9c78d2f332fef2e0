package vigil.protocol.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;

/**
 * Paints what the simulated cameras see: surfaces of the site and a figure for each class of object,
 * each drawn in a unit box so that crops and camera frames share them.
 */
final class SitePainter {
    static final Color ASPHALT = new Color(0x3B3E44);
    static final Color TAXIWAY = new Color(0x4A4D52);
    static final Color GRASS = new Color(0x4E7236);
    static final Color GROUND = new Color(0x55534C);
    private static final Color RUNWAY_MARK = new Color(0xE8E8E8);
    private static final Color TAXIWAY_MARK = new Color(0xE0B526);

    private SitePainter() {
    }

    static Color surface(Area area) {
        return switch (area) {
            case RWY_A, RWY_B -> ASPHALT;
            case TWY_A, TWY_B, TWY_C, TWY_D -> TAXIWAY;
            case GRASS_A, GRASS_B -> GRASS;
            case UNKNOWN, NONE -> GROUND;
        };
    }

    /** The whole site in map coordinates (960 × 720): zones and their markings. */
    static void paintSite(Graphics2D g) {
        for (Area zone : Area.ZONES) {
            double[] b = zone.bounds();
            g.setColor(surface(zone));
            g.fill(new Rectangle2D.Double(b[0], b[1], b[2], b[3]));
            if (zone == Area.RWY_A || zone == Area.RWY_B) {
                g.setColor(RUNWAY_MARK);
                g.setStroke(new BasicStroke(3, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {30, 24}, 0));
                double mid = b[1] + b[3] / 2;
                g.drawLine((int) b[0] + 40, (int) mid, (int) (b[0] + b[2]) - 40, (int) mid);
                g.setStroke(new BasicStroke(2));
                g.drawRect((int) b[0] + 8, (int) b[1] + 8, (int) b[2] - 16, (int) b[3] - 16);
            } else if (zone.name().startsWith("TWY")) {
                g.setColor(TAXIWAY_MARK);
                g.setStroke(new BasicStroke(2));
                double midX = b[0] + b[2] / 2;
                g.drawLine((int) midX, (int) b[1], (int) midX, (int) (b[1] + b[3]));
            }
        }
    }

    /** A figure of the class centred on (cx, cy), about {@code size} across. */
    static void paintFigure(Graphics2D g, ObjectClass objectClass, boolean down, double cx, double cy, double size) {
        Graphics2D f = (Graphics2D) g.create();
        f.translate(cx, cy);
        f.scale(size / 100, size / 100);
        if (down) {
            f.rotate(Math.PI / 2);
        }
        switch (objectClass) {
            case PERSON -> person(f, new Color(0x2F3B52), new Color(0x23262B), null);
            case WORK_PERSON -> person(f, new Color(0xF26B1D), new Color(0x2B2F36), new Color(0xF2D21B));
            case VEHICLE -> vehicle(f, new Color(0x2C6FB7), null);
            case WORK_VEHICLE -> vehicle(f, new Color(0xE9B81C), new Color(0xFF8A00));
            case AIRPLANE -> airplane(f);
            case BIRD -> bird(f);
            case ANIMAL -> animal(f);
            case FOD -> debris(f);
            case UNKNOWN -> unknown(f);
        }
        f.dispose();
    }

    private static void person(Graphics2D g, Color torso, Color legs, Color helmet) {
        g.setColor(legs);
        g.fill(new RoundRectangle2D.Double(-14, 8, 11, 40, 6, 6));
        g.fill(new RoundRectangle2D.Double(3, 8, 11, 40, 6, 6));
        g.setColor(torso);
        g.fill(new RoundRectangle2D.Double(-18, -26, 36, 40, 12, 12));
        g.fill(new RoundRectangle2D.Double(-28, -24, 10, 32, 6, 6));
        g.fill(new RoundRectangle2D.Double(18, -24, 10, 32, 6, 6));
        if (helmet != null) { // reflective bands of a hi-vis vest
            g.setColor(new Color(0xD8DDE2));
            g.fill(new Rectangle2D.Double(-18, -8, 36, 5));
        }
        g.setColor(new Color(0xE0B094));
        g.fill(new Ellipse2D.Double(-11, -50, 22, 22));
        if (helmet != null) {
            g.setColor(helmet);
            g.fill(new Ellipse2D.Double(-13, -54, 26, 14));
        }
    }

    private static void vehicle(Graphics2D g, Color body, Color beacon) {
        g.setColor(body);
        g.fill(new RoundRectangle2D.Double(-46, -14, 92, 28, 10, 10));
        g.fill(new RoundRectangle2D.Double(-24, -34, 46, 24, 12, 12));
        g.setColor(new Color(0x9CC6E8));
        g.fill(new RoundRectangle2D.Double(-18, -30, 17, 16, 5, 5));
        g.fill(new RoundRectangle2D.Double(3, -30, 15, 16, 5, 5));
        g.setColor(new Color(0x1B1C1F));
        g.fill(new Ellipse2D.Double(-38, 4, 22, 22));
        g.fill(new Ellipse2D.Double(16, 4, 22, 22));
        if (beacon != null) {
            g.setColor(beacon);
            g.fill(new Ellipse2D.Double(-6, -44, 12, 10));
        }
    }

    private static void airplane(Graphics2D g) {
        g.setColor(new Color(0xF2F4F7));
        g.fill(new RoundRectangle2D.Double(-48, -7, 96, 14, 14, 14));
        Path2D wings = new Path2D.Double();
        wings.moveTo(-6, -6);
        wings.lineTo(-18, -46);
        wings.lineTo(-6, -46);
        wings.lineTo(14, -6);
        wings.lineTo(14, 6);
        wings.lineTo(-6, 46);
        wings.lineTo(-18, 46);
        wings.lineTo(-6, 6);
        wings.closePath();
        g.fill(wings);
        Path2D tail = new Path2D.Double();
        tail.moveTo(-40, -4);
        tail.lineTo(-50, -18);
        tail.lineTo(-44, -18);
        tail.lineTo(-32, -4);
        tail.moveTo(-40, 4);
        tail.lineTo(-50, 18);
        tail.lineTo(-44, 18);
        tail.lineTo(-32, 4);
        g.fill(tail);
        g.setColor(new Color(0x2C6FB7));
        g.fill(new Rectangle2D.Double(-30, -2, 70, 4));
    }

    private static void bird(Graphics2D g) {
        g.setColor(new Color(0xECEDEF));
        Path2D wings = new Path2D.Double();
        wings.moveTo(-46, -10);
        wings.quadTo(-22, -32, 0, -2);
        wings.quadTo(22, -32, 46, -10);
        wings.quadTo(22, -18, 0, 8);
        wings.quadTo(-22, -18, -46, -10);
        g.fill(wings);
        g.setColor(new Color(0x3A3C40));
        g.fill(new Ellipse2D.Double(-6, -6, 12, 16));
        g.setColor(new Color(0xF0A020));
        g.fill(new Rectangle2D.Double(-2, 8, 4, 5));
    }

    private static void animal(Graphics2D g) {
        Color fur = new Color(0xA8642A);
        g.setColor(fur);
        g.fill(new Ellipse2D.Double(-34, -16, 62, 30));
        g.fill(new Ellipse2D.Double(20, -30, 26, 22));
        Path2D ear = new Path2D.Double();
        ear.moveTo(30, -28);
        ear.lineTo(34, -42);
        ear.lineTo(40, -27);
        g.fill(ear);
        g.setStroke(new BasicStroke(7, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(-26, 8, -30, 34);
        g.drawLine(-12, 10, -10, 36);
        g.drawLine(10, 10, 12, 36);
        g.drawLine(20, 6, 26, 32);
        g.setStroke(new BasicStroke(6, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(-32, -6, -48, -22);
        g.setColor(new Color(0xF1E6D8));
        g.fill(new Ellipse2D.Double(38, -18, 9, 7));
    }

    private static void debris(Graphics2D g) {
        Path2D shard = new Path2D.Double();
        shard.moveTo(-30, -8);
        shard.lineTo(-6, -26);
        shard.lineTo(26, -16);
        shard.lineTo(34, 8);
        shard.lineTo(8, 22);
        shard.lineTo(-22, 16);
        shard.closePath();
        g.setColor(new Color(0xA9B0B8));
        g.fill(shard);
        g.setColor(new Color(0xE6EAEE));
        g.fill(new Ellipse2D.Double(-4, -14, 14, 8));
        g.setColor(new Color(0x5D646C));
        g.setStroke(new BasicStroke(3));
        g.draw(shard);
        g.fill(new Ellipse2D.Double(10, 2, 8, 8));
    }

    private static void unknown(Graphics2D g) {
        g.setColor(new Color(0x8D8F94));
        g.fill(new Ellipse2D.Double(-26, -22, 52, 44));
        g.setColor(new Color(0x1E1F22));
        g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 40f));
        g.drawString("?", -11, 14);
    }
}
