package vigil.storage;

import java.util.List;
import vigil.protocol.wire.Area;

/**
 * A camera of the site's own, as configured. The password is the camera's, kept for connecting and
 * shown nowhere: {@link #toString()} leaves it out.
 *
 * @param zones the zones it covers, in zone order
 * @param placement where it stands on the map and where it looks; null when it is not placed
 */
public record SiteCamera(String name, String url, String username, String password, List<Area> zones, Placement placement,
                         boolean enabled) {

    public static final int MAX_NAME_LENGTH = 100;

    /** A position in map space (960 × 720) and a heading in degrees, clockwise from the map's up. */
    public record Placement(int x, int y, int heading) {
    }

    public SiteCamera {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a camera's name is 1-" + MAX_NAME_LENGTH + " printable characters: '" + name + "'");
        }
        zones = zones.stream().distinct().sorted().toList();
        if (zones.stream().anyMatch(zone -> !zone.isZone())) {
            throw new IllegalArgumentException("a camera covers zones 1-8: " + zones);
        }
    }

    public SiteCamera withEnabled(boolean enabled) {
        return new SiteCamera(name, url, username, password, zones, placement, enabled);
    }

    @Override
    public String toString() {
        return "SiteCamera[" + name + ", " + url + (username == null ? "" : ", user " + username + ", password hidden")
                + ", zones " + zones + (placement == null ? "" : ", " + placement) + (enabled ? "" : ", disabled") + "]";
    }
}
