package vigil.storage;

/** The outcome of recording a first detection: the incident, and whether this was its first arrival. */
public record Recorded(Incident incident, boolean isNew) {
}
