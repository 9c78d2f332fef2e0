package vigil.protocol.link;

/** Where a node listens: {@code HOST:PORT}, the port defaulting to 5100. */
public record NodeAddress(String host, int port) {
    public static final int DEFAULT_PORT = 5100;

    public NodeAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a node address needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("a port is 1-65535: " + port);
        }
    }

    /** Parses {@code HOST}, {@code HOST:PORT} or {@code [IPv6]:PORT}. */
    public static NodeAddress parse(String text) {
        String host = text.strip();
        int port = DEFAULT_PORT;
        int colon = host.lastIndexOf(':');
        boolean bracketed = host.startsWith("[");
        if (colon > 0 && (bracketed ? host.indexOf(']') < colon : host.indexOf(':') == colon)) {
            try {
                port = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port in '" + text + "'");
            }
            host = host.substring(0, colon);
        }
        if (bracketed && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new NodeAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
