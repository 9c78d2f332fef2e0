package vigil.storage;

import java.time.Duration;
import java.util.List;
import vigil.protocol.wire.Area;

/**
 * A camera of the site's own, as configured. The password is the camera's, kept for connecting and
 * shown nowhere: {@link #toString()} leaves it out.
 *
 * @param zones the zones it covers, in zone order
 * @param placement where it stands on the map and where it looks; null when it is not placed
 * @param clips how far its clips reach before and after an incident
 */
public record SiteCamera(String name, String url, String username, String password, List<Area> zones, Placement placement,
                         ClipWindow clips, boolean enabled) {

    public static final int MAX_NAME_LENGTH = 100;

    /** A position in map space (960 × 720) and a heading in degrees, clockwise from the map's up. */
    public record Placement(int x, int y, int heading) {
    }

    /** A clip's reach around an incident's instant T: [T - pre, T + post]. */
    public record ClipWindow(Duration pre, Duration post) {
        public static final Duration MAX = Duration.ofMinutes(5);
        public static final ClipWindow DEFAULT = new ClipWindow(Duration.ofSeconds(10), Duration.ofSeconds(20));

        public ClipWindow {
            if (pre.isNegative() || post.isNegative() || pre.compareTo(MAX) > 0 || post.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("a clip reaches 0-" + MAX.toSeconds() + " s before and after an incident: "
                        + pre.toSeconds() + " s, " + post.toSeconds() + " s");
            }
        }

        @Override
        public String toString() {
            return "clips " + pre.toSeconds() + " s before, " + post.toSeconds() + " s after";
        }
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
        return new SiteCamera(name, url, username, password, zones, placement, clips, enabled);
    }

    @Override
    public String toString() {
        return "SiteCamera[" + name + ", " + url + (username == null ? "" : ", user " + username + ", password hidden")
                + ", zones " + zones + (placement == null ? "" : ", " + placement) + ", " + clips + (enabled ? "" : ", disabled") + "]";
    }
}
