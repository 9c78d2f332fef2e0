package vigil.app.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.protocol.sim.SimulatedNode;

/** vigil cameras, vigil events and the cameras of vigil record, end to end with a real RTSP camera and a real store. */
class CamerasCommandTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private String data() {
        return work.resolve("data").toString();
    }

    @Test
    void camerasAreAddedListedAndRemovedAndTheirPasswordsShownNowhere() throws Exception {
        Path secret = Files.writeString(work.resolve("password"), "s3cret\n");
        assertEquals(0, captured.vigil("cameras", "add", "Apron east", "rtsp://10.1.0.20:554/stream1", "--zones", "5,1",
                "--user", "viewer", "--password-file", secret.toString(), "--at", "420,60,135", "--pre", "5", "--post", "30", "--data", data()));
        assertEquals(0, captured.vigil("cameras", "add", "Gate 2", "http://ana:hunter2@10.1.0.21/video.mjpg", "--data", data()));

        assertEquals(2, captured.vigil("cameras", "add", "Bad", "rtsp//10.1.0.22", "--data", data()));
        assertTrue(captured.stderr().contains("refused URL: a camera URL starts with rtsp://, rtsps://, http:// or https://"),
                captured.stderr());
        assertEquals(2, captured.vigil("cameras", "add", "Bad", "rtsp://10.1.0.22/x", "--zones", "9", "--data", data()));
        assertTrue(captured.stderr().contains("--zones takes zone numbers 1-8: 9"), captured.stderr());
        assertEquals(2, captured.vigil("cameras", "add", "Bad", "rtsp://10.1.0.22/x", "--pre", "400", "--data", data()));
        assertTrue(captured.stderr().contains("a clip reaches 0-300 s before and after an incident: 400 s, 20 s"), captured.stderr());
        assertEquals(1, captured.vigil("cameras", "add", "Gate 2", "rtsp://10.1.0.23/x", "--data", data()));
        assertTrue(captured.stderr().contains("there is already a camera named 'Gate 2'"), captured.stderr());

        assertEquals(0, captured.vigil("cameras", "list", "--json", "--data", data()));
        assertEquals(List.of(
                        "{\"name\":\"Apron east\",\"url\":\"rtsp://10.1.0.20:554/stream1\",\"user\":\"viewer\",\"zones\":[1,5],"
                                + "\"position\":{\"x\":420,\"y\":60,\"heading\":135},\"preSeconds\":5,\"postSeconds\":30,\"enabled\":true}",
                        "{\"name\":\"Gate 2\",\"url\":\"http://10.1.0.21/video.mjpg\",\"user\":\"ana\",\"zones\":[],\"position\":null,"
                                + "\"preSeconds\":10,\"postSeconds\":20,\"enabled\":true}"),
                captured.stdout().lines().toList());
        assertEquals(0, captured.vigil("cameras", "list", "--data", data()));
        String table = captured.stdout();
        assertTrue(table.contains("Apron east") && table.contains("1,5") && table.contains("viewer"), table);
        assertFalse(table.contains("s3cret") || table.contains("hunter2"), table);

        assertEquals(0, captured.vigil("cameras", "remove", "Gate 2", "--data", data()));
        assertEquals(1, captured.vigil("cameras", "remove", "Gate 2", "--data", data()));
        assertEquals(0, captured.vigil("cameras", "list", "--json", "--data", data()));
        assertEquals(1, captured.stdout().lines().count());
    }

    @Test
    void aTestSaysWhatTheCameraSendsOrWhyItCannotBeRead() throws Exception {
        try (RtspCamera camera = RtspCamera.start("ana", "s3cret")) {
            assertEquals(0, captured.vigil("cameras", "test", "rtsp://ana:s3cret@" + camera.url().substring("rtsp://".length())));
            String report = captured.stdout().strip();
            assertTrue(report.startsWith(camera.url() + ": codec h264, 320x180, 15.0 fps, a keyframe every 15 frames (1.0 s), "),
                    report);
            assertTrue(report.matches(".*, (1[6-9]|2[0-9]|30) frames read"), report); // from wherever in a GOP it joined
            assertEquals(1, captured.vigil("cameras", "test", camera.url(), "--user", "ana"));
            assertEquals(camera.url() + ": cannot read it: wrong user or password (401 Unauthorized)", captured.stdout().strip());
            assertFalse((captured.stdout() + captured.stderr()).contains("s3cret"));
        }
        assertEquals(1, captured.vigil("cameras", "test", "rtsp://127.0.0.1:9/cam"));
        assertEquals("rtsp://127.0.0.1:9/cam: cannot read it: connection refused", captured.stdout().strip());
    }

    @Test
    void theRecorderRunsTheCamerasAndTheirChangesAreSiteEvents() throws Exception {
        SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        try (RtspCamera camera = RtspCamera.start()) {
            try {
                assertEquals(0, captured.vigil("cameras", "add", "Apron", camera.url(), "--zones", "5", "--data", data()));
                assertEquals(0, captured.vigil("record", "--node", "127.0.0.1:" + node.port(), "--duration", "5", "--data", data()));
                assertTrue(captured.stderr().contains("[camera Apron] LIVE (h264 320x180 15.0 fps)"), captured.stderr());
            } finally {
                node.close();
            }
        }
        assertEquals(0, captured.vigil("events", "--json", "--kind", "camera", "--data", data()));
        List<String> events = captured.stdout().lines().toList();
        assertEquals(1, events.size(), captured.stdout());
        assertTrue(events.getFirst().matches("\\{\"time\":\"[0-9T:.\\-]+Z\",\"kind\":\"camera\",\"source\":\"Apron\","
                + "\"state\":\"LIVE\",\"detail\":\"h264 320x180 15.0 fps\"}"), events.getFirst());

        assertEquals(0, captured.vigil("cameras", "list", "--json", "--data", data()));
        assertTrue(captured.stdout().contains("{\"name\":\"127.0.0.1:" + node.port() + " camera A\",\"node\":\"127.0.0.1:" + node.port()
                + "\",\"camera\":\"A\"}"), "the node's cameras are listed too: " + captured.stdout());

        assertEquals(0, captured.vigil("events", "--json", "--kind", "link", "--data", data()));
        assertTrue(captured.stdout().contains("\"kind\":\"link\"") && captured.stdout().contains("\"state\":\"ONLINE\""),
                captured.stdout());
        assertEquals(2, captured.vigil("events", "--kind", "weather", "--data", data()));
        assertEquals(2, captured.vigil("events", "--since", "yesterday", "--data", data()));
        assertTrue(captured.stderr().contains("--since takes an instant (2026-11-22T06:00:00Z) or a date (2026-11-22): 'yesterday'"),
                captured.stderr());
    }
}
