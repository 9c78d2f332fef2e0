package vigil.protocol.wire;

/**
 * What the node's detector says an object is (PROTOCOL.md §4). Anything the node sends that is not
 * one of the eight known names becomes {@link #UNKNOWN}; the node itself treats those as hazards.
 */
public enum ObjectClass {
    BIRD, FOD, PERSON, ANIMAL, AIRPLANE, VEHICLE, WORK_PERSON, WORK_VEHICLE, UNKNOWN;

    /** Parses a wire name; {@code AIRCRAFT} is a synonym of {@code AIRPLANE}, anything else unknown. */
    public static ObjectClass fromWire(String name) {
        return switch (name) {
            case "BIRD" -> BIRD;
            case "FOD" -> FOD;
            case "PERSON" -> PERSON;
            case "ANIMAL" -> ANIMAL;
            case "AIRPLANE", "AIRCRAFT" -> AIRPLANE;
            case "VEHICLE" -> VEHICLE;
            case "WORK_PERSON" -> WORK_PERSON;
            case "WORK_VEHICLE" -> WORK_VEHICLE;
            default -> UNKNOWN;
        };
    }

    /** Hazards alarm wherever they are and whatever the zone's level. */
    public boolean isHazard() {
        return this == BIRD || this == FOD || this == ANIMAL || this == UNKNOWN;
    }

    /** Authorised staff and their vehicles may enter AUTH_ONLY zones. */
    public boolean isAuthorised() {
        return this == WORK_PERSON || this == WORK_VEHICLE;
    }

    /** The classes whose {@code ME_FD} carries a rescue level. */
    public boolean canFall() {
        return this == PERSON || this == WORK_PERSON;
    }
}
