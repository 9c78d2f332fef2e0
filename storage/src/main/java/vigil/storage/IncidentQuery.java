package vigil.storage;

import java.time.Instant;
import java.util.Set;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;

/**
 * Which incidents to list: every criterion is optional (null or empty means any). The time range
 * is on the console's receive time, {@code since} inclusive and {@code until} exclusive; the note
 * text matches any note of the incident, ignoring case.
 */
public record IncidentQuery(
        Instant since,
        Instant until,
        Set<IncidentType> types,
        Set<ObjectClass> classes,
        Set<Area> zones,
        Set<IncidentState> states,
        NodeAddress node,
        String noteText) {

    public static final IncidentQuery ALL = new IncidentQuery(null, null, Set.of(), Set.of(), Set.of(), Set.of(), null, null);

    public IncidentQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        classes = classes == null ? Set.of() : Set.copyOf(classes);
        zones = zones == null ? Set.of() : Set.copyOf(zones);
        states = states == null ? Set.of() : Set.copyOf(states);
    }
}
