package vigil.app.camera;

import java.time.Instant;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.storage.SiteCamera;

/**
 * A camera that clips incidents: one of the site's own ({@link CameraReader}), for the zones it
 * covers, or a node's camera A or B ({@link NodeCameraFeed}), for its node's incidents while it
 * streams.
 */
public interface ClipSource {
    /** The name its clips are stored under. */
    String clipName();

    /** Whether an incident from {@code node} in {@code zone} is owed a clip by this camera now. */
    boolean owesClip(NodeAddress node, Area zone);

    SiteCamera.ClipWindow clipWindow();

    /** Where an operator's report from it is filed: the one zone it covers, or UNKNOWN. */
    Area zone();

    /**
     * Its packets from the last keyframe at or before {@code from} until the first after
     * {@code until}, or until its stream ends; fails when it sent nothing in that time. The caller
     * owns the clip and must close it.
     */
    ClipCapture capture(Instant from, Instant until);
}
