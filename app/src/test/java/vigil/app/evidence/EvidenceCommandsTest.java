package vigil.app.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.app.Vigil;
import vigil.app.operators.TestOperators;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/** vigil record, incidents, export and verify, end to end against a simulated node and a real store. */
class EvidenceCommandsTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private String output() {
        return captured.stdout();
    }

    private int vigil(String... args) {
        return captured.vigil(args);
    }

    @Test
    void recordedIncidentsAreListedExportedAndVerifiedAndTamperingIsNamed() throws Exception {
        Path data = work.resolve("data");
        SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        CompletableFuture<Integer> recording = CompletableFuture.supplyAsync(() -> Vigil.commandLine().execute(
                "record", "--node", "127.0.0.1:" + node.port(), "--data", data.toString(), "--once"));
        try {
            Recorder.await("the recorder", () -> node.consoles() == 1, Duration.ofSeconds(20));
            for (int i = 0; i < 5; i++) {
                ObjectClass objectClass = i % 2 == 0 ? ObjectClass.BIRD : ObjectClass.PERSON;
                node.broadcast(new FirstDetection(i % 2 == 0 ? EventType.HAZARD : EventType.UNAUTH, 500 + i, objectClass,
                        10 * i, 10 * i, Area.RWY_A, NodeTimestamp.of(Instant.now()), objectClass.canFall() ? 0 : null,
                        TestJpegs.jpeg(2000 + i, i)));
            }
            Recorder.await("five incidents", () -> output().lines().filter(l -> l.startsWith("incident ")).count() == 5,
                    Duration.ofSeconds(20));
        } finally {
            node.close();
        }
        assertEquals(0, recording.get(20, TimeUnit.SECONDS));
        String linkStates = captured.stderr();
        String address = "[127.0.0.1:" + node.port() + "] ";
        assertTrue(linkStates.contains(address + "ONLINE\n"), linkStates);
        assertTrue(linkStates.contains(address + "OFFLINE (the node closed the connection)\n"), linkStates);

        assertEquals(0, vigil("incidents", "--data", data.toString(), "--json", "--class", "bird"));
        List<String> birds = output().lines().toList();
        assertEquals(3, birds.size(), output());
        assertTrue(birds.getFirst().startsWith("{\"id\":5,\"node\":\"127.0.0.1:" + node.port() + "\",\"eventType\":\"HAZARD\",\"objectId\":504,"), birds.getFirst());

        Path zip = work.resolve("evidence.zip");
        Path password = Files.writeString(work.resolve("password"), TestOperators.PASSWORD + "\n");
        assertEquals(0, vigil("operators", "add", "sue", "--role", "supervisor", "--password-file", password.toString(), "--data", data.toString()));
        assertEquals(0, vigil("export", "--data", data.toString(), "--out", zip.toString(), "--operator", "sue", "--password-file", password.toString()));
        assertTrue(output().startsWith("exported 5 incidents to "), output());
        assertEquals(0, vigil("verify", zip.toString(), "--data", data.toString()));
        assertTrue(output().endsWith(" (this installation)\nOK: checked 8 files of " + zip
                + " against its manifest, and the manifest against its signature and its own hash\n"), output());
        try (ZipFile package_ = new ZipFile(zip.toFile())) {
            assertTrue(package_.getEntry("report.html") != null && package_.getEntry("incidents.csv") != null);
        }

        Path tampered = work.resolve("tampered.zip");
        String changedImage = rewriteOneImage(zip, tampered);
        assertEquals(1, vigil("verify", tampered.toString(), "--data", data.toString()));
        assertTrue(output().contains("FAILED: " + changedImage + " has been changed"), output());

        assertEquals(0, vigil("verify", "--data", data.toString()));
        assertTrue(output().startsWith("OK: checked 5 images, 0 clips, 11 audit entries and 5 incidents in "), output());
        assertEquals(0, vigil("incidents", "--data", data.toString(), "--json", "--limit", "1"));
        assertTrue(output().contains("\"evidenceHold\":true") && output().contains("\"action\":\"EXPORT\",\"note\":\"evidence package evidence.zip\",\"operator\":\"sue\""), output());

        // a hand in the database file: one export note rewritten through plain JDBC
        try (var jdbc = java.sql.DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("vigil"), "vigil", "");
             var sql = jdbc.createStatement()) {
            assertEquals(1, sql.executeUpdate("UPDATE incident_action SET note = 'nothing to see' WHERE id = 1"));
        }
        assertEquals(1, vigil("verify", "--data", data.toString()));
        assertTrue(output().contains("FAILED: action 1 (audit entry 7) has been changed since it was recorded"), output());
        assertTrue(output().contains("1 problem; checked 5 images, 0 clips, 11 audit entries and 5 incidents in "), output());
    }

    /** Copies the package, flipping one byte in the middle of its first image; returns that image's path. */
    private static String rewriteOneImage(Path from, Path to) throws Exception {
        String changed = null;
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : in.stream().toList()) {
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (changed == null && entry.getName().startsWith("images/")) {
                    bytes[bytes.length / 2] ^= 1;
                    changed = entry.getName();
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return changed;
    }
}
