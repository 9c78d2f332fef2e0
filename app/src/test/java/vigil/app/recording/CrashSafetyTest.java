package vigil.app.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.AuditReport;
import vigil.storage.Incident;
import vigil.storage.IncidentPage;
import vigil.storage.IncidentQuery;
import vigil.storage.Storage;

/**
 * A recorder killed with SIGKILL at a random moment loses nothing it reported as recorded: a child
 * JVM runs {@code vigil record} while a node sends it a first detection every 5 ms. The runs are
 * few in the ordinary build; {@code -Dvigil.crash.runs=100} makes a soak (docs/BENCHMARKS.md).
 */
class CrashSafetyTest {
    private static final Pattern LINE = Pattern.compile("^incident (\\d+) \\S+ \\S+ in \\S+, object (\\d+) from \\S+, image ([0-9a-f]{64})$");

    @TempDir
    Path data;

    @Test
    void nothingReportedAsRecordedIsLostToSigkill() throws Exception {
        int runs = Integer.getInteger("vigil.crash.runs", 3);
        Random random = new Random(Long.getLong("vigil.crash.seed", System.nanoTime()));
        Map<Long, String> reported = new HashMap<>(); // object id -> image hash, over every run
        for (int run = 0; run < runs; run++) {
            try (SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0))) {
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dorg.jooq.no-logo=true", "-cp", System.getProperty("java.class.path"), "vigil.app.Vigil",
                        "record", "--node", "127.0.0.1:" + node.port(), "--data", data.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                Map<Long, String> thisRun = Collections.synchronizedMap(new HashMap<>());
                Thread reader = Thread.ofPlatform().start(() -> readReports(child, thisRun));
                Recorder.await("the recorder to connect", () -> node.consoles() == 1, Duration.ofSeconds(30));

                AtomicBoolean sending = new AtomicBoolean(true);
                long firstId = 1_000_000L * (run + 1);
                Thread injector = Thread.ofPlatform().start(() -> {
                    for (long id = firstId; sending.get(); id++) {
                        node.broadcast(detection(id));
                        sleep(5);
                    }
                });
                Recorder.await("a first recorded incident", () -> !thisRun.isEmpty(), Duration.ofSeconds(30));
                Thread.sleep(random.nextInt(50, 1500));
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                sending.set(false);
                injector.join();
                reader.join();
                reported.putAll(thisRun);
            }
            int finishedRun = run;
            try (Storage storage = Storage.open(data)) {
                Map<Long, Incident> stored = new HashMap<>();
                for (IncidentPage.Cursor cursor = null; ; ) {
                    IncidentPage page = storage.incidents().search(IncidentQuery.ALL, cursor, 1000);
                    page.incidents().forEach(incident -> stored.put(incident.objectId(), incident));
                    if ((cursor = page.next()) == null) {
                        break;
                    }
                }
                for (var report : reported.entrySet()) {
                    Incident incident = stored.get(report.getKey());
                    assertTrue(incident != null, "run " + run + ": object " + report.getKey() + " was reported recorded but is gone");
                    assertEquals(report.getValue(), incident.imageSha256());
                }
                AuditReport audit = storage.verify();
                assertTrue(audit.intact(), () -> "run " + finishedRun + ": " + audit.problems());
            }
        }
        assertTrue(reported.size() >= runs, "each run recorded something: " + reported.size());
    }

    private static void readReports(Process child, Map<Long, String> reports) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher report = LINE.matcher(line);
                if (report.matches()) {
                    reports.put(Long.parseLong(report.group(2)), report.group(3));
                }
            }
        } catch (java.io.IOException e) {
            // the child was killed mid-line: what it printed before counts
        }
    }

    private static FirstDetection detection(long objectId) {
        return new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 100, 100, Area.GRASS_A,
                NodeTimestamp.of(Instant.now()), 0, TestJpegs.jpeg(3000, objectId));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
