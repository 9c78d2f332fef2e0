package vigil.app.camera;

/**
 * How a camera stands. CONNECTING until its first frame; LIVE while frames come; STALLED when the
 * session is open but no frame came for max(2 s, two frame intervals); OFFLINE when it refused,
 * closed, failed or timed out, or no frame came for 20 s.
 */
public enum CameraState { CONNECTING, LIVE, STALLED, OFFLINE }
