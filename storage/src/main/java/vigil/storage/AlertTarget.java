package vigil.storage;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where Vigil's alerts go beyond the desk: an MQTT broker ({@code tcp://HOST:PORT} or
 * {@code ssl://HOST:PORT}, its topics under {@code topicPrefix}, signing in as {@code username} with
 * the {@code secret}) or a webhook (an {@code http(s)} URL whose posts are signed with the
 * {@code secret}). Over TLS ({@code ssl://}, {@code https://}) the server's certificate is checked
 * against the system's authorities, or against {@code caCertificate} (PEM) where the site has its
 * own. The secret is shown nowhere: {@link #toString()} leaves it out.
 */
public record AlertTarget(String name, Kind kind, String url, String topicPrefix, String username, String secret, boolean enabled,
                          String caCertificate) {
    public static final String DEFAULT_PREFIX = "vigil";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");

    public enum Kind { MQTT, WEBHOOK }

    /** A target whose TLS, if any, trusts the system's authorities. */
    public AlertTarget(String name, Kind kind, String url, String topicPrefix, String username, String secret, boolean enabled) {
        this(name, kind, url, topicPrefix, username, secret, enabled, null);
    }

    /** Checks every field; an {@link IllegalArgumentException} says what is wrong, in words. */
    public AlertTarget {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an alert target's name is 1 to 100 letters, digits, spaces, dots, colons, dashes"
                    + " or underscores, starting with a letter or digit: '" + name + "'");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' names no host");
        }
        switch (kind) {
            case MQTT -> {
                if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
                    throw new IllegalArgumentException("an MQTT broker's URL is tcp://HOST:PORT or ssl://HOST:PORT, not '" + url + "'");
                }
                topicPrefix = topicPrefix == null ? DEFAULT_PREFIX : topicPrefix;
                if (!PREFIX.matcher(topicPrefix).matches()) {
                    throw new IllegalArgumentException("a topic prefix is words of letters, digits, '-' or '_' between slashes"
                            + " (no wildcards, no leading or trailing slash): '" + topicPrefix + "'");
                }
            }
            case WEBHOOK -> {
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new IllegalArgumentException("a webhook's URL is http:// or https://, not '" + url + "'");
                }
                if (secret == null || secret.isEmpty()) {
                    throw new IllegalArgumentException("a webhook needs a secret to sign what it is sent");
                }
                if (topicPrefix != null || username != null) {
                    throw new IllegalArgumentException("a webhook has no topic prefix and no user");
                }
            }
        }
        if (caCertificate != null) {
            if (!scheme.equals("ssl") && !scheme.equals("https")) {
                throw new IllegalArgumentException("an authority's certificate is for TLS: ssl:// or https://, not '" + url + "'");
            }
            certificate(caCertificate);
        }
    }

    /** The name a target gets when none is given: an MQTT broker's HOST:PORT, a webhook's host. */
    public static String defaultName(Kind kind, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                return url; // the target refuses it in words
            }
            return kind == Kind.MQTT && uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        } catch (java.net.URISyntaxException e) {
            return url;
        }
    }

    /** {@link #caCertificate} read, or an {@link IllegalArgumentException} saying why it is none. */
    public X509Certificate authority() {
        return caCertificate == null ? null : certificate(caCertificate);
    }

    /** Who {@link #caCertificate} names ({@code CN=…}), or null. */
    public String authorityName() {
        return caCertificate == null ? null : authority().getSubjectX500Principal().getName();
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not a PEM certificate (-----BEGIN CERTIFICATE-----): " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name + ": " + kind.name().toLowerCase(Locale.ROOT) + " " + url
                + (topicPrefix == null ? "" : ", topics under " + topicPrefix + "/")
                + (username == null ? "" : ", user " + username)
                + (caCertificate == null ? "" : ", trusting " + authorityName())
                + (enabled ? "" : ", disabled");
    }
}
