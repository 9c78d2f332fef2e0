package vigil.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A shared PostgreSQL store, written {@code postgresql://HOST[:PORT]/DATABASE?user=NAME} (libpq's
 * form; further parameters such as {@code sslmode=require} go to the driver as they are). The
 * password is never part of the address: it comes apart, or from the driver's own {@code PGPASSFILE}
 * or {@code ~/.pgpass} when {@code password} is null.
 */
public record SharedStore(String host, int port, String database, String user, Map<String, String> parameters, String password) {
    static final int DEFAULT_PORT = 5432;

    public SharedStore {
        parameters = Map.copyOf(parameters);
    }

    /** Reads an address; an {@link IllegalArgumentException} says in words what is wrong with it. */
    public static SharedStore parse(String address, String password) {
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the store address '" + address + "' is not an address: " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the store address '" + address
                    + "' is not a PostgreSQL one: write postgresql://HOST:PORT/DATABASE?user=NAME");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("the store address '" + address
                    + "' names no host (and takes no user@ or password: write ?user=NAME)");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("the store address '" + address + "' names no database: write postgresql://HOST:PORT/DATABASE?user=NAME");
        }
        Map<String, String> parameters = parameters(uri.getRawQuery(), address);
        String user = parameters.remove("user");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the store address '" + address + "' names no user: add ?user=NAME");
        }
        if (parameters.containsKey("password")) {
            throw new IllegalArgumentException("the store address must not hold the password: use --store-password-file, "
                    + "PGPASSFILE or VIGIL_STORE_PASSWORD");
        }
        return new SharedStore(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user, parameters, password);
    }

    private static Map<String, String> parameters(String query, String address) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("the store address '" + address + "' has a parameter without a value: '" + pair + "'");
            }
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The driver's URL: the address without the user, who goes apart with the password. */
    String jdbcUrl() {
        String query = parameters.entrySet().stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + (query.isEmpty() ? "" : "?" + query);
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The address as an operator wrote it, never with the password. */
    @Override
    public String toString() {
        return "postgresql://" + hostForUrl() + ":" + port + "/" + database + "?user=" + user
                + parameters.entrySet().stream().map(p -> "&" + p.getKey() + "=" + p.getValue()).collect(Collectors.joining());
    }
}
