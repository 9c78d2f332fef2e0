package vigil.app.incidents;

import java.util.Comparator;
import javafx.scene.image.Image;
import vigil.storage.Incident;

/**
 * An incident with its picture decoded, as lists and pop-ups show it. {@code picture} may be null;
 * {@code acknowledgedBy} names the operator who acknowledged it, here or at another desk (null
 * until someone has).
 */
public record IncidentItem(Incident incident, Image picture, String acknowledgedBy) {

    /** Highest priority first (rescue, hazard, violation), then newest first. */
    public static final Comparator<IncidentItem> QUEUE_ORDER = Comparator
            .comparingInt((IncidentItem item) -> -item.incident().priority())
            .thenComparing((IncidentItem item) -> item.incident().receivedAt(), Comparator.reverseOrder())
            .thenComparingLong(item -> -item.incident().id());

    public long id() {
        return incident.id();
    }

    public IncidentItem(Incident incident, Image picture) {
        this(incident, picture, null);
    }

    /** The incident as {@code changed} left it; {@code acknowledger}, when that change acknowledged it. */
    public IncidentItem with(Incident changed, String acknowledger) {
        return new IncidentItem(changed, picture, acknowledger != null ? acknowledger : acknowledgedBy);
    }
}
