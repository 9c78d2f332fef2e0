package vigil.protocol.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A node's timestamp, kept as the text received beside the instant it names. The text may be empty
 * or mislabelled: replies from a node's database carry its local time with a {@code Z} (PROTOCOL.md
 * §4), so the instant is only as true as the node; it is null when the text does not parse.
 */
public record NodeTimestamp(String text, Instant instant) {
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    public NodeTimestamp {
        if (text == null) {
            throw new NullPointerException("text");
        }
    }

    /** Reads the wire form {@code YYYY-MM-DDTHH:MM:SSZ}; any other text keeps a null instant. */
    public static NodeTimestamp parse(String text) {
        return new NodeTimestamp(text, instantOf(text));
    }

    // Read by hand: every ME_FD carries one, and a DateTimeFormatter costs a microsecond each.
    private static Instant instantOf(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // a day or hour out of range
        }
    }

    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The wire form of an instant, to the second, in UTC. */
    public static NodeTimestamp of(Instant instant) {
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return new NodeTimestamp(WIRE.format(seconds.atOffset(ZoneOffset.UTC)), seconds);
    }

    /** The reference node's database bug: local wall-clock time written with a {@code Z}. */
    public static NodeTimestamp localTimeMislabelledUtc(LocalDateTime localTime) {
        return parse(WIRE.format(localTime));
    }
}
