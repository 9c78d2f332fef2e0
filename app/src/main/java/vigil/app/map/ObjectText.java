package vigil.app.map;

import java.util.Locale;
import vigil.protocol.wire.EventType;
import vigil.storage.IncidentType;
import vigil.protocol.wire.ObjectClass;

/** How the console words objects and ages, the same on the map, in lists and in pop-ups. */
public final class ObjectText {

    private ObjectText() {
    }

    /** "Person down (level 4)", "Bird (hazard)", "Vehicle (no access)". */
    public static String describe(ObjectClass objectClass, EventType alarm, Integer rescueLevel) {
        String name = className(objectClass);
        return switch (alarm) {
            case RESCUE -> name + " down" + (rescueLevel != null && rescueLevel > 0 ? " (level " + rescueLevel + ")" : "");
            case HAZARD -> name + " (hazard)";
            case UNAUTH -> name + " (no access)";
        };
    }

    public static String className(ObjectClass objectClass) {
        return switch (objectClass) {
            case FOD -> "Debris (FOD)";
            case WORK_PERSON -> "Ground crew";
            case WORK_VEHICLE -> "Service vehicle";
            case UNKNOWN -> "Unknown object";
            default -> capitalised(objectClass.name());
        };
    }

    public static String typeName(IncidentType type) {
        return switch (type) {
            case HAZARD -> "Hazard";
            case UNAUTH -> "Access violation";
            case RESCUE -> "Person down";
            case OPERATOR -> "Operator report";
        };
    }

    public static String eventName(EventType type) {
        return switch (type) {
            case HAZARD -> "Hazard";
            case UNAUTH -> "Access violation";
            case RESCUE -> "Person down";
        };
    }

    /** "4 s", "2 min", "3 h 05 min". */
    public static String age(long millis) {
        long seconds = Math.max(0, millis / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds / 60 % 60);
        }
        return seconds / 86_400 + " d";
    }

    private static String capitalised(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
