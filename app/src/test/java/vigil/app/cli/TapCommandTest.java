package vigil.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.app.Vigil;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.Recorder;

/** {@code vigil tap} against a real simulated node over loopback, its output parsed back as JSON. */
class TapCommandTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private List<String> lines() {
        return stdout.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static String type(String line) throws Exception {
        try (JsonParser parser = new JsonFactory().createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            assertEquals("type", parser.nextFieldName());
            String type = parser.nextTextValue();
            while (parser.nextToken() != null) {
                // the whole line must be one valid JSON object
            }
            return type;
        }
    }

    @Test
    void printsEveryMessageAsJsonSendsCommandsInTurnAndEndsWithTheConnection() throws Exception {
        SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withQuirks(true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Vigil.commandLine().execute(
                "tap", "127.0.0.1:" + node.port(), "--once", "--send", "AC_AC", "--send", "AC_UA:1,1,1,1,3,3,2,2", "--send", "AC_AC"));
        try {
            Recorder.await("both AC_AC replies", () -> lines().stream().filter(l -> l.contains("\"AR_AC\"")).count() == 2,
                    Duration.ofSeconds(15));
        } finally {
            node.close();
        }
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));

        List<String> lines = lines();
        for (String line : lines) {
            assertTrue(List.of("ME_OD", "ME_FD", "ME_RA", "ME_RB", "ME_BR", "AR_AC", "AR_UA").contains(type(line)), line);
        }
        List<String> replies = lines.stream().filter(l -> l.startsWith("{\"type\":\"AR_")).toList();
        assertEquals(List.of(
                "{\"type\":\"AR_AC\",\"dialect\":\"AH\",\"ok\":true,\"levels\":[2,2,2,2,2,2,2,2]}",
                "{\"type\":\"AR_UA\",\"dialect\":\"AH\",\"ok\":true}",
                "{\"type\":\"AR_AC\",\"dialect\":\"AH\",\"ok\":true,\"levels\":[1,1,1,1,3,3,2,2]}"), replies);
        assertEquals(List.of("AC_AC\n", "AC_UA:1,1,1,1,3,3,2,2\n", "AC_AC\n"), node.commandReads());
        String log = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("] ONLINE"), log);
        assertTrue(log.contains("] OFFLINE (the node closed the connection)"), log);
    }

    @Test
    void aCommandTheNodeCannotTakeIsRefusedBeforeConnecting() {
        assertEquals(2, Vigil.commandLine().execute("tap", "127.0.0.1:1", "--send", "AC_UA:1,2"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("not sent: 8 levels expected, got 2"));
    }

    @Test
    void anAbsentNodeWithOnceExitsNonZero() {
        assertEquals(1, Vigil.commandLine().execute("tap", "127.0.0.1:1", "--once"));
    }
}
