package vigil.storage;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An action on the site, by name ("Close gate 2", "Siren apron"): an HTTP request ({@code method}
 * to {@code url} with {@code body}, as {@code username} with the {@code password} when given), or an
 * MQTT publish of {@code body} on {@code topic} (as it is: not under a prefix) through the broker of
 * the alert target {@code target}. The password is shown nowhere: {@link #toString()} leaves it out.
 */
public record SiteAction(String name, Kind kind, String method, String url, String body, String username, String password,
                         String target, String topic) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public enum Kind { HTTP, MQTT }

    public SiteAction {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an action's name is 1 to 100 letters, digits, spaces, dots, colons, dashes or"
                    + " underscores, starting with a letter or digit: '" + name + "'");
        }
        switch (kind) {
            case HTTP -> {
                method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
                if (!METHODS.contains(method)) {
                    throw new IllegalArgumentException("an action's HTTP method is GET, POST, PUT, PATCH or DELETE: " + method);
                }
                URI uri;
                try {
                    uri = new URI(url);
                } catch (java.net.URISyntaxException | NullPointerException e) {
                    throw new IllegalArgumentException("'" + url + "' is not a URL");
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    throw new IllegalArgumentException("an HTTP action's URL is http(s)://HOST/…, not '" + url + "'");
                }
                if (target != null || topic != null) {
                    throw new IllegalArgumentException("an HTTP action has no MQTT target or topic");
                }
            }
            case MQTT -> {
                if (target == null || topic == null || topic.isBlank() || topic.contains("+") || topic.contains("#")) {
                    throw new IllegalArgumentException("an MQTT action names an MQTT alert target and a topic without wildcards");
                }
                if (url != null || method != null || username != null || password != null) {
                    throw new IllegalArgumentException("an MQTT action has no URL, method or credentials of its own: its target's broker has");
                }
            }
        }
        body = body == null ? "" : body;
    }

    @Override
    public String toString() {
        return name + ": " + (kind == Kind.HTTP ? method + " " + url + (username == null ? "" : " as " + username)
                : "publish on " + topic + " through " + target) + (body.isEmpty() ? "" : " (" + body.length() + " characters)");
    }
}
