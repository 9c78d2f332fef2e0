package vigil.app.live;

import java.util.List;
import java.util.Map;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;

/**
 * Everything one node has told the console, at one moment. Immutable: the link's event loop
 * publishes a new one on every change and the screen takes the newest when it next draws.
 *
 * @param levels the eight zones' levels in zone order, or null until the node has said
 * @param runways each runway's state; a runway missing here is unknown (the node sends changes only)
 * @param birdRisk null until the first change
 * @param violationsStarted when (epoch ms) an access violation last started in each zone
 */
public record SiteSnapshot(
        NodeAddress node,
        LinkState link,
        List<LiveObject> objects,
        List<AuthorityLevel> levels,
        Map<Runway, RunwayState> runways,
        BirdRisk birdRisk,
        Map<Area, Long> violationsStarted) {

    public static SiteSnapshot initial(NodeAddress node) {
        return new SiteSnapshot(node, LinkState.offline(null), List.of(), null, Map.of(), null, Map.of());
    }

    public RunwayState runway(Runway runway) {
        return runways.get(runway);
    }
}
