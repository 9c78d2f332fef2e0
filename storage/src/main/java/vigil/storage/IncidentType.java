package vigil.storage;

import vigil.protocol.wire.EventType;

/**
 * What an incident is: one of a node's three alarms, or a report an operator raised from a camera's
 * picture for what the detectors missed.
 */
public enum IncidentType {
    RESCUE, HAZARD, UNAUTH, OPERATOR;

    public static IncidentType of(EventType alarm) {
        return switch (alarm) {
            case RESCUE -> RESCUE;
            case HAZARD -> HAZARD;
            case UNAUTH -> UNAUTH;
        };
    }

    /** A person down first; what an operator saw with their own eyes ranks with a hazard. */
    public int priority() {
        return switch (this) {
            case RESCUE -> 3;
            case HAZARD, OPERATOR -> 2;
            case UNAUTH -> 1;
        };
    }
}
