package vigil.app.map;

import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.app.live.LiveObject;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.AuthorityLevel;

/**
 * What the map shows at one moment.
 *
 * @param levels the zones' levels in zone order, or null when unknown
 * @param disputedZones zones whose nodes hold different levels ({@code levels} has the strictest)
 * @param pendingLevels levels being edited, drawn beside the current ones; null outside the editor
 * @param selectedZone the zone the editor has selected, or null
 * @param violationsStarted when (epoch ms) a violation last started in each zone; the zone flashes after
 * @param selected the selected object, or null; {@code hovered} likewise
 * @param now epoch milliseconds, for fading and flashing
 * @param expiryMillis how long an object that is no longer listed stays (fading) on the map
 */
public record MapFrame(
        List<LiveObject> objects,
        List<AuthorityLevel> levels,
        Set<Area> disputedZones,
        List<AuthorityLevel> pendingLevels,
        Area selectedZone,
        Map<Area, Long> violationsStarted,
        LiveObject selected,
        LiveObject hovered,
        long now,
        long expiryMillis) {

    public static MapFrame zonesOnly(List<AuthorityLevel> levels, List<AuthorityLevel> pendingLevels, Area selectedZone, long now) {
        return new MapFrame(List.of(), levels, Set.of(), pendingLevels, selectedZone, Map.of(), null, null, now, 0);
    }

    public AuthorityLevel level(Area zone) {
        return levels == null ? null : levels.get(zone.ordinal());
    }

    public AuthorityLevel pendingLevel(Area zone) {
        return pendingLevels == null ? null : pendingLevels.get(zone.ordinal());
    }
}
