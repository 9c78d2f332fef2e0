package vigil.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class NodeTimestampTest {

    @Test
    void theWireFormIsUtcToTheSecond() {
        assertEquals(Instant.parse("2025-06-27T10:36:04Z"), NodeTimestamp.parse("2025-06-27T10:36:04Z").instant());
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), NodeTimestamp.parse("2024-02-29T23:59:59Z").instant());
        assertEquals("2025-06-27T10:36:04Z", NodeTimestamp.of(Instant.parse("2025-06-27T10:36:04.987Z")).text());
    }

    @Test
    void anythingElseKeepsItsTextAndNoInstant() {
        for (String text : new String[] {"", "2025-02-30T10:00:00Z", "2025-06-27T24:00:00Z", "2025-06-27 10:36:04Z",
                "2025-06-27T10:36:04", "2025-06-27T10:36:04.5Z", "2025-0a-27T10:36:04Z", "yesterday"}) {
            NodeTimestamp timestamp = NodeTimestamp.parse(text);
            assertEquals(text, timestamp.text());
            assertNull(timestamp.instant(), text);
        }
    }

    @Test
    void theDatabaseBugWritesLocalTimeAsIfItWereUtc() {
        NodeTimestamp mislabelled = NodeTimestamp.localTimeMislabelledUtc(LocalDateTime.of(2025, 6, 30, 17, 16, 14));
        assertEquals("2025-06-30T17:16:14Z", mislabelled.text());
    }
}
