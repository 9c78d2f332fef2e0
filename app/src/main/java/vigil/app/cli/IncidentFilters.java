package vigil.app.cli;

import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.IncidentQuery;
import vigil.storage.IncidentState;
import vigil.storage.IncidentType;

/** The incident filters shared by {@code vigil incidents} and {@code vigil export}. */
final class IncidentFilters {

    @Mixin
    PeriodOptions period;

    @Option(names = "--event", paramLabel = "T", split = ",", description = "Event types: ${COMPLETION-CANDIDATES}.")
    Set<IncidentType> events = EnumSet.noneOf(IncidentType.class);

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
        return new IncidentQuery(period.since(), period.until(), events, classes, zones, states,
                node == null ? null : NodeAddress.parse(node), note);
    }
}
