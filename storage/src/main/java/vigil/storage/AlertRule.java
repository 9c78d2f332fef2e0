package vigil.storage;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;

/**
 * What an alert target is sent: an incident goes to a target with rules when one of them matches it
 * (every criterion empty or null means any) and it is not in its quiet hours (local time; an
 * {@code quietUntil} before {@code quietFrom} spans midnight). A rule that sent an incident holds
 * back the same zone and class for its {@code cooldown}. {@code systemAlerts}: camera health, links,
 * runway and bird-risk states and sign-in alerts go too. {@code action}: the site action it runs
 * when it sends an incident (a siren on a violation), or null.
 */
public record AlertRule(long id, String target, Set<IncidentType> types, Set<ObjectClass> classes, Set<Area> zones,
                        Set<NodeAddress> nodes, Set<String> cameras, int minPriority, Duration cooldown,
                        LocalTime quietFrom, LocalTime quietUntil, boolean systemAlerts, String action) {

    public AlertRule {
        types = Set.copyOf(types);
        classes = Set.copyOf(classes);
        zones = Set.copyOf(zones);
        nodes = Set.copyOf(nodes);
        cameras = Set.copyOf(cameras);
        if (cooldown.isNegative() || cooldown.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("a cooldown is 0 s to 24 h: " + cooldown.toSeconds() + " s");
        }
        if ((quietFrom == null) != (quietUntil == null) || quietFrom != null && quietFrom.equals(quietUntil)) {
            throw new IllegalArgumentException("quiet hours run from one time of day to another, as 22:00-06:00");
        }
        if (minPriority < 0 || minPriority > 3) {
            throw new IllegalArgumentException("a minimum priority is 0 to 3 (1 access violation, 2 hazard or operator report,"
                    + " 3 person down): " + minPriority);
        }
    }

    public boolean matches(Incident incident) {
        return (types.isEmpty() || types.contains(incident.type()))
                && (classes.isEmpty() || classes.contains(incident.objectClass()))
                && (zones.isEmpty() || zones.contains(incident.zone()))
                && (nodes.isEmpty() || nodes.contains(incident.node()))
                && (cameras.isEmpty() || cameras.contains(incident.camera()))
                && incident.priority() >= minPriority;
    }

    public boolean isQuietAt(LocalTime time) {
        if (quietFrom == null) {
            return false;
        }
        return quietFrom.isBefore(quietUntil)
                ? !time.isBefore(quietFrom) && time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) || time.isBefore(quietUntil);
    }

    /**
     * Quiet hours as an operator writes them, "22:00-06:00", as {from, until}; both null for none (blank).
     * Fails with an {@link IllegalArgumentException} that says how to write them.
     */
    public static LocalTime[] quietHours(String words) {
        if (words == null || words.isBlank()) {
            return new LocalTime[2];
        }
        String[] fromAndUntil = words.split("-");
        try {
            if (fromAndUntil.length == 2) {
                return new LocalTime[] {LocalTime.parse(fromAndUntil[0].strip()), LocalTime.parse(fromAndUntil[1].strip())};
            }
        } catch (DateTimeParseException bad) {
            // said below
        }
        throw new IllegalArgumentException("quiet hours are HH:MM-HH:MM, as 22:00-06:00: " + words.strip());
    }

    /** Its quiet hours as {@link #quietHours} reads them, or "" for none. */
    public String quietWords() {
        return quietFrom == null ? "" : quietFrom + "-" + quietUntil;
    }

    /** The rule in words, as {@code vigil alerts rules} lists it and the operator log keeps it. */
    public String describe() {
        List<String> words = new ArrayList<>();
        words.add(types.isEmpty() ? "every incident" : "incidents of type " + sorted(types));
        if (!classes.isEmpty()) {
            words.add("class " + sorted(classes));
        }
        if (!zones.isEmpty()) {
            words.add("zone " + sorted(zones));
        }
        if (!nodes.isEmpty()) {
            words.add("from node " + sorted(nodes));
        }
        if (!cameras.isEmpty()) {
            words.add("from camera " + sorted(cameras));
        }
        if (minPriority > 0) {
            words.add("priority " + minPriority + " or more");
        }
        words.add(cooldown.isZero() ? "no cooldown" : "cooldown " + cooldown.toSeconds() + " s");
        if (quietFrom != null) {
            words.add("quiet " + quietWords());
        }
        if (systemAlerts) {
            words.add("and system alerts");
        }
        if (action != null) {
            words.add("running '" + action + "'");
        }
        return String.join(", ", words);
    }

    private static String sorted(Set<?> values) {
        return values.stream().map(Object::toString).sorted().collect(Collectors.joining(" or "));
    }
}
