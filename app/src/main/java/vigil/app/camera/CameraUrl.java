package vigil.app.camera;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Where a camera streams: {@code rtsp://} (read over TCP), or {@code http(s)://} MJPEG or JPEG
 * snapshots. Credentials
 * never stay in the URL: {@link #parse} takes them out of it, and {@link #withCredentials} puts them
 * back only for the one call that connects, so that no log, list or screenshot can show them.
 */
public record CameraUrl(URI uri, String username, String password) {
    private static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");

    /** Parses a URL as an operator wrote it; a user and password written into it are taken out. */
    public static CameraUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason() + " at character " + (e.getIndex() + 1));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase();
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("a camera URL starts with rtsp://, rtsps://, http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("a camera URL needs a host, as in rtsp://10.1.0.20:554/stream1");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            username = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        try {
            URI bare = new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
            return new CameraUrl(bare, username, password);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
    }

    public boolean isRtsp() {
        return uri.getScheme().startsWith("rtsp");
    }

    /** The URL with the credentials in it, for FFmpeg only: never log it. */
    String withCredentials(String user, String secret) {
        if (user == null) {
            return uri.toString();
        }
        String userInfo = encode(user) + (secret == null ? "" : ":" + encode(secret));
        String text = uri.toString();
        int hostStart = text.indexOf("://") + 3;
        return text.substring(0, hostStart) + userInfo + "@" + text.substring(hostStart);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL without credentials. */
    @Override
    public String toString() {
        return uri.toString();
    }
}
