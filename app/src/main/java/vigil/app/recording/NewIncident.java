package vigil.app.recording;

import vigil.protocol.wire.Jpeg;
import vigil.storage.Incident;

/** An incident just made durable, with the picture its first detection carried (already stored with it). */
public record NewIncident(Incident incident, Jpeg image) {
}
