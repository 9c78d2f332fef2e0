package vigil.protocol.wire;

/**
 * One object of an {@code ME_OD} snapshot. The position is in the 960 × 720 map space and may be
 * unknown ({@code -1,-1}) or off the map; {@code rescueLevel} is null when the node sent none (it
 * does for PERSON only), otherwise 0 standing, 1–10 seconds down.
 */
public record DetectedObject(long id, ObjectClass objectClass, int x, int y, Area area, Integer rescueLevel) {

    public boolean isOnMap() {
        return x >= 0 && x <= Area.MAP_WIDTH && y >= 0 && y <= Area.MAP_HEIGHT;
    }

    public boolean isDown() {
        return rescueLevel != null && rescueLevel > 0;
    }
}
