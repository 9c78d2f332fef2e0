package vigil.app.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.IncidentQuery;
import vigil.storage.IncidentState;

/** The incident filters shared by {@code vigil incidents} and {@code vigil export}. */
final class IncidentFilters {

    @Option(names = "--since", paramLabel = "ISO", description = "From this time on (2026-11-22T06:00:00Z, or a local date 2026-11-22).")
    String since;

    @Option(names = "--until", paramLabel = "ISO", description = "Before this time (same forms as --since).")
    String until;

    @Option(names = "--event", paramLabel = "T", split = ",", description = "Event types: ${COMPLETION-CANDIDATES}.")
    Set<EventType> events = EnumSet.noneOf(EventType.class);

    @Option(names = "--class", paramLabel = "C", split = ",", description = "Object classes: ${COMPLETION-CANDIDATES}.")
    Set<ObjectClass> classes = EnumSet.noneOf(ObjectClass.class);

    @Option(names = "--zone", paramLabel = "Z", split = ",", description = "Zones: ${COMPLETION-CANDIDATES}.")
    Set<Area> zones = EnumSet.noneOf(Area.class);

    @Option(names = "--state", paramLabel = "S", split = ",", description = "States: ${COMPLETION-CANDIDATES}.")
    Set<IncidentState> states = EnumSet.noneOf(IncidentState.class);

    @Option(names = "--node", paramLabel = "HOST:PORT", description = "Only this node's incidents.")
    String node;

    @Option(names = "--note", paramLabel = "TEXT", description = "Only incidents with a note containing this text.")
    String note;

    IncidentQuery query() {
        return new IncidentQuery(instant(since, "--since"), instant(until, "--until"), events, classes, zones, states,
                node == null ? null : NodeAddress.parse(node), note);
    }

    static Instant instant(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneId.systemDefault()).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(new picocli.CommandLine(new Object()),
                    option + " takes an instant (2026-11-22T06:00:00Z) or a date (2026-11-22): '" + text + "'");
        }
    }
}
