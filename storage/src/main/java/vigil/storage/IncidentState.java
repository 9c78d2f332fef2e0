package vigil.storage;

/** Where an incident stands. NEW and ACKNOWLEDGED are open; RESOLVED and FALSE_ALARM are closed. */
public enum IncidentState {
    NEW, ACKNOWLEDGED, RESOLVED, FALSE_ALARM;

    public boolean isOpen() {
        return this == NEW || this == ACKNOWLEDGED;
    }
}
