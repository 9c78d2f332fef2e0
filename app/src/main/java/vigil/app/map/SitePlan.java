package vigil.app.map;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import vigil.protocol.wire.Area;

/** The site as the operator knows it (assets: site/reference-airport.properties): zone names and surfaces. */
public record SitePlan(String name, Map<Area, Zone> zones) {

    public enum Surface { RUNWAY, TAXIWAY, GRASS }

    /** @param label what the operator calls the zone; {@code shortLabel} fits on the map */
    public record Zone(Area area, String label, String shortLabel, Surface surface) {
    }

    private static final SitePlan REFERENCE = load("/vigil/assets/site/reference-airport.properties");

    public static SitePlan reference() {
        return REFERENCE;
    }

    public Zone zone(Area area) {
        return zones.get(area);
    }

    /** The operator's name for an area, including the two that are not zones. */
    public String label(Area area) {
        Zone zone = zones.get(area);
        if (zone != null) {
            return zone.label();
        }
        return area == Area.NONE ? "no zone" : "unknown zone";
    }

    public String shortLabel(Area area) {
        Zone zone = zones.get(area);
        return zone != null ? zone.shortLabel() : area == Area.NONE ? "none" : "unknown";
    }

    static SitePlan load(String resource) {
        Properties properties = AssetProperties.load(resource);
        Map<Area, Zone> zones = new EnumMap<>(Area.class);
        for (Area area : Area.ZONES) {
            String key = "zone." + area.name() + ".";
            zones.put(area, new Zone(area, required(properties, key + "label"), required(properties, key + "short"),
                    Surface.valueOf(required(properties, key + "surface"))));
        }
        return new SitePlan(required(properties, "name"), Map.copyOf(zones));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("site plan lacks " + key);
        }
        return value;
    }
}
