package vigil.protocol.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

    public static NodeTimestamp parse(String text) {
        if (text.isEmpty()) {
            return new NodeTimestamp(text, null);
        }
        try {
            return new NodeTimestamp(text, LocalDateTime.parse(text, WIRE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return new NodeTimestamp(text, null);
        }
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
