package vigil.app.cameras;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.app.alert.AlertPopups;
import vigil.app.camera.CameraFeed;
import vigil.app.camera.CameraHealth;
import vigil.app.camera.CameraState;

/**
 * Raises a camera's alarm when it has been OFFLINE for longer than {@code after}: once per outage,
 * and its card says so when the camera is back. Looked at once a second, on the FX thread.
 */
public final class CameraAlarms {
    private final List<? extends CameraFeed> cameras;
    private final Duration after;
    private final AlertPopups popups;
    /** The outage (its start) each camera was last alarmed for. */
    private final Map<String, Instant> raised = new HashMap<>();

    public CameraAlarms(List<? extends CameraFeed> cameras, Duration after, AlertPopups popups) {
        this.cameras = cameras;
        this.after = after;
        this.popups = popups;
    }

    public void check(Instant now) {
        for (CameraFeed camera : cameras) {
            CameraHealth health = camera.health();
            if (health.state() == CameraState.OFFLINE) {
                boolean longEnough = Duration.between(health.since(), now).compareTo(after) >= 0;
                if (longEnough && !health.since().equals(raised.get(camera.name()))) {
                    raised.put(camera.name(), health.since());
                    popups.cameraOffline(camera.name(), health);
                }
            } else if (health.state() == CameraState.LIVE && raised.containsKey(camera.name())) {
                raised.remove(camera.name());
                popups.cameraBack(camera.name());
            }
        }
    }
}
