package vigil.app.incidents;

import java.util.Comparator;
import javafx.scene.image.Image;
import vigil.storage.Incident;

/** An incident with its picture decoded, as lists and pop-ups show it. {@code picture} may be null. */
public record IncidentItem(Incident incident, Image picture) {

    /** Highest priority first (rescue, hazard, violation), then newest first. */
    public static final Comparator<IncidentItem> QUEUE_ORDER = Comparator
            .comparingInt((IncidentItem item) -> -item.incident().priority())
            .thenComparing((IncidentItem item) -> item.incident().receivedAt(), Comparator.reverseOrder())
            .thenComparingLong(item -> -item.incident().id());

    public long id() {
        return incident.id();
    }

    public IncidentItem with(Incident changed) {
        return new IncidentItem(changed, picture);
    }
}
