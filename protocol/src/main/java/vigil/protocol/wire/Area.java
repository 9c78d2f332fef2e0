package vigil.protocol.wire;

import java.util.List;

/**
 * Where an object is: one of the eight zones of the reference site (PROTOCOL.md §7), in zone order
 * 1–8, or {@link #UNKNOWN} (live events), or {@link #NONE} ({@code None}: replies that come from the
 * node's database when no zone matched).
 */
public enum Area {
    TWY_A(0.00, 0.23, 0.19, 0.52),
    TWY_B(0.81, 0.23, 1.00, 0.52),
    TWY_C(0.00, 0.73, 0.19, 1.00),
    TWY_D(0.81, 0.73, 1.00, 1.00),
    RWY_A(0.00, 0.00, 1.00, 0.23),
    RWY_B(0.00, 0.52, 1.00, 0.73),
    GRASS_A(0.19, 0.23, 0.81, 0.52),
    GRASS_B(0.19, 0.73, 0.81, 1.00),
    UNKNOWN,
    NONE;

    public static final int MAP_WIDTH = 960;
    public static final int MAP_HEIGHT = 720;

    /** The eight zones in zone order, the order of authority levels on the wire. */
    public static final List<Area> ZONES = List.of(TWY_A, TWY_B, TWY_C, TWY_D, RWY_A, RWY_B, GRASS_A, GRASS_B);

    private final double left;
    private final double top;
    private final double right;
    private final double bottom;

    Area(double left, double top, double right, double bottom) {
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
    }

    Area() {
        this(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean isZone() {
        return ordinal() < ZONES.size();
    }

    /** 1–8 for a zone, as in {@code AC_UA}; 0 for UNKNOWN and NONE. */
    public int zoneNumber() {
        return isZone() ? ordinal() + 1 : 0;
    }

    /** The zone's rectangle in map space (x, y, width, height); only for zones. */
    public double[] bounds() {
        requireZone();
        return new double[] {left * MAP_WIDTH, top * MAP_HEIGHT, (right - left) * MAP_WIDTH, (bottom - top) * MAP_HEIGHT};
    }

    public boolean contains(double x, double y) {
        return isZone()
                && x >= left * MAP_WIDTH && x <= right * MAP_WIDTH
                && y >= top * MAP_HEIGHT && y <= bottom * MAP_HEIGHT;
    }

    /** The zone a map position falls in (the first in zone order on shared edges), or UNKNOWN. */
    public static Area at(double x, double y) {
        for (Area zone : ZONES) {
            if (zone.contains(x, y)) {
                return zone;
            }
        }
        return UNKNOWN;
    }

    public String wireName() {
        return this == NONE ? "None" : name();
    }

    /** Parses a wire name; an unrecognised area is UNKNOWN, as the node treats it. */
    public static Area fromWire(String name) {
        if (name.equals("None")) {
            return NONE;
        }
        for (Area area : values()) {
            if (area != NONE && area.name().equals(name)) {
                return area;
            }
        }
        return UNKNOWN;
    }

    private void requireZone() {
        if (!isZone()) {
            throw new IllegalStateException(this + " is not a zone");
        }
    }
}
