package vigil.app.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.app.Vigil;
import vigil.app.camera.RtspCamera;
import vigil.app.operators.TestOperators;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.Recorder;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.AuditReport;
import vigil.storage.Clip;
import vigil.storage.Storage;

/** Clips end to end: vigil record with a real RTSP camera, then incidents, export and verify; and SIGKILL mid-clip. */
class ClipEvidenceTest {
    private static final Pattern CLIP_LINE = Pattern.compile("^clip of incident (\\d+) from Runway: ([0-9a-f]{64})\\.mp4, .*$");

    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private int vigil(String... args) {
        return captured.vigil(args);
    }

    private static FirstDetection inZoneOne(long objectId) {
        return new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 100, 100, Area.ZONES.getFirst(),
                NodeTimestamp.of(Instant.now()), 0, TestJpegs.jpeg(2000, (int) objectId));
    }

    @Test
    void vigilRecordClipsAnIncidentWhichIsListedExportedAndVerifiedAndTamperingIsNamed() throws Exception {
        Path data = work.resolve("data");
        try (RtspCamera camera = RtspCamera.numbered(); SimulatedNode node = SimulatedNode.start(
                SimulatedNode.Settings.defaults().withPort(0).withObjects(0))) {
            assertEquals(0, vigil("cameras", "add", "Runway", camera.url(), "--zones", "1", "--pre", "2", "--post", "2",
                    "--data", data.toString()));
            CompletableFuture<Integer> recording = CompletableFuture.supplyAsync(() -> Vigil.commandLine().execute(
                    "record", "--node", "127.0.0.1:" + node.port(), "--data", data.toString(), "--once"));
            Recorder.await("the camera live", () -> captured.stderr().contains("[camera Runway] LIVE"), Duration.ofSeconds(20));
            Thread.sleep(3000);
            node.broadcast(inZoneOne(7));
            Recorder.await("the clip", () -> captured.stdout().lines().anyMatch(line -> CLIP_LINE.matcher(line).matches()),
                    Duration.ofSeconds(20));
            node.close();
            assertEquals(0, recording.get(30, TimeUnit.SECONDS));
        }
        Matcher clipLine = captured.stdout().lines().map(CLIP_LINE::matcher).filter(Matcher::matches).findFirst().orElseThrow();
        String sha256 = clipLine.group(2);
        Path clipFile = data.toAbsolutePath().resolve("clips").resolve(sha256 + ".mp4");

        assertEquals(0, vigil("incidents", "--data", data.toString(), "--json"));
        String json = captured.stdout();
        assertTrue(json.contains("\"clips\":[{\"camera\":\"Runway\",\"file\":\"" + clipFile + "\",\"sha256\":\"" + sha256 + "\",\"start\":\""),
                json);

        Path zip = work.resolve("evidence.zip");
        Path password = Files.writeString(work.resolve("password"), TestOperators.PASSWORD + "\n");
        assertEquals(0, vigil("operators", "add", "sue", "--role", "supervisor", "--password-file", password.toString(), "--data", data.toString()));
        assertEquals(0, vigil("export", "--data", data.toString(), "--out", zip.toString(), "--operator", "sue", "--password-file", password.toString()));
        assertEquals(0, vigil("verify", zip.toString(), "--data", data.toString()));
        assertTrue(captured.stdout().endsWith("OK: checked 5 files of " + zip
                + " against its manifest, and the manifest against its signature and its own hash\n"), captured.stdout());
        try (ZipFile package_ = new ZipFile(zip.toFile())) {
            assertEquals(Files.size(clipFile), package_.getEntry("clips/" + sha256 + ".mp4").getSize());
            String report = new String(package_.getInputStream(package_.getEntry("report.html")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(report.contains("<video controls preload=\"metadata\" src=\"clips/" + sha256 + ".mp4\""), report);
        }

        assertEquals(0, vigil("verify", "--data", data.toString()));
        assertTrue(captured.stdout().startsWith("OK: checked 1 images, 1 clips, "), captured.stdout());
        byte[] bytes = Files.readAllBytes(clipFile);
        bytes[bytes.length / 2] ^= 1;
        Files.write(clipFile, bytes);
        assertEquals(1, vigil("verify", "--data", data.toString()));
        assertTrue(captured.stdout().contains("FAILED: clip 1 (incident 1, camera Runway, " + sha256 + ".mp4) has been altered"),
                captured.stdout());
        Path second = work.resolve("second.zip");
        assertEquals(1, vigil("export", "--data", data.toString(), "--out", second.toString(), "--operator", "sue", "--password-file", password.toString()));
        assertTrue(captured.stderr().contains("vigil export: no package written: the clip of incident 1 from Runway (" + sha256
                + ".mp4) has been altered since it was recorded"), captured.stderr());
        assertTrue(!Files.exists(second) && !Files.exists(work.resolve("second.zip.partial")), "nothing written");
        assertEquals(0, vigil("incidents", "--data", data.toString(), "--json"));
        assertTrue(captured.stdout().contains("\"action\":\"NOTE\",\"note\":\"evidence package second.zip was not written: the clip of incident 1"),
                "the history says the export came to nothing: " + captured.stdout());
    }

    @Test
    void aRecorderKilledMidClipLeavesNoHalfClipAndAStoreThatVerifies() throws Exception {
        Path data = work.resolve("data");
        try (RtspCamera camera = RtspCamera.numbered(); SimulatedNode node = SimulatedNode.start(
                SimulatedNode.Settings.defaults().withPort(0).withObjects(0))) {
            assertEquals(0, vigil("cameras", "add", "Runway", camera.url(), "--zones", "1", "--pre", "2", "--post", "4",
                    "--data", data.toString()));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Dorg.jooq.no-logo=true", "-cp", System.getProperty("java.class.path"),
                    "vigil.app.Vigil", "record", "--node", "127.0.0.1:" + node.port(), "--data", data.toString())
                    .redirectErrorStream(true).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (java.io.IOException e) {
                    // killed mid-line
                }
            });
            Recorder.await("the camera live", () -> lines.stream().anyMatch(l -> l.startsWith("[camera Runway] LIVE")), Duration.ofSeconds(30));
            Thread.sleep(3000);
            node.broadcast(inZoneOne(1)); // its clip is written and linked once the post window is over
            Recorder.await("the first incident", () -> lines.stream().anyMatch(l -> l.startsWith("incident 1 ")), Duration.ofSeconds(20));
            Recorder.await("its clip", () -> lines.stream().anyMatch(l -> l.startsWith("clip of incident 1 ")), Duration.ofSeconds(20));
            node.broadcast(inZoneOne(2));
            Recorder.await("the second incident", () -> lines.stream().anyMatch(l -> l.startsWith("incident 2 ")), Duration.ofSeconds(20));
            Thread.sleep(1500); // mid-way through the second clip's post window
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            reader.join();
        }
        try (Storage storage = Storage.open(data)) {
            assertEquals(1, storage.clips().of(1).size());
            assertTrue(storage.clips().of(1).getFirst().hasFile());
            assertEquals(List.of(), storage.clips().of(2), "no clip, and no half clip, of the incident the kill cut short");
            List<Clip> interrupted = storage.clips().markInterrupted().get(); // as vigil record and the console do when they start
            assertEquals(1, interrupted.size());
            assertEquals(List.of(interrupted.getFirst()), storage.clips().of(2));
            assertTrue(interrupted.getFirst().missing().startsWith("Vigil stopped before the clip was stored (it was asked for at "),
                    interrupted.getFirst().missing());
            assertEquals(List.of(), storage.clips().markInterrupted().get(), "once");
            AuditReport audit = storage.verify();
            assertTrue(audit.intact(), audit.problems()::toString);
            assertEquals(1, audit.clips());
            try (var files = Files.list(storage.clips().directory())) {
                assertEquals(List.of(storage.clips().of(1).getFirst().fileName()), files.map(f -> f.getFileName().toString()).toList(),
                        "nothing but the linked clip in clips/ after a restart");
            }
        }
    }
}
