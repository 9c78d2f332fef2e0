package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.app.shell.FxWaits.await;
import static vigil.app.shell.FxWaits.fx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import vigil.app.camera.CameraReader;
import vigil.app.camera.RtspCamera;
import vigil.app.cameras.CameraViewsFile;
import vigil.app.cameras.CameraWallModel;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.incidents.IncidentItem;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.ActionKind;
import vigil.storage.Clip;
import vigil.storage.Incident;
import vigil.storage.IncidentType;
import vigil.storage.Role;
import vigil.storage.SiteCamera;
import vigil.storage.Storage;

/**
 * The camera wall end to end: four real RTSP cameras, each one colour, in the store; the console on
 * JavaFX's headless platform; the operator's keys. Each tile must show its camera's picture, and a
 * camera shown in four tiles must be decoded once.
 */
@ExtendWith(ApplicationExtension.class)
class CameraWallTest {
    private static final Map<String, Color> COLOURS = Map.of("Red", Color.rgb(0xD0, 0x20, 0x20), "Green", Color.rgb(0x20, 0xC0, 0x30),
            "Blue", Color.rgb(0x20, 0x40, 0xD0), "Yellow", Color.rgb(0xE0, 0xD0, 0x20));
    private static final List<String> NAMES = List.of("Blue", "Green", "Red", "Yellow"); // as the store lists them: by name
    private static final List<RtspCamera> CAMERAS = new ArrayList<>();
    /** Blue and Green watch runway A, Red runway B, Yellow nothing. */
    private static final Map<String, List<Area>> ZONES = Map.of("Blue", List.of(Area.RWY_A), "Green", List.of(Area.RWY_A, Area.TWY_A),
            "Red", List.of(Area.RWY_B), "Yellow", List.of());

    @TempDir
    static Path directory;

    private SimulatedNode node;
    private Console console;
    private ConsoleWindow window;

    @BeforeAll
    static void startCameras() throws Exception {
        for (String name : NAMES) {
            Color colour = COLOURS.get(name);
            CAMERAS.add(RtspCamera.solid(String.format("0x%02X%02X%02X", (int) Math.round(colour.getRed() * 255),
                    (int) Math.round(colour.getGreen() * 255), (int) Math.round(colour.getBlue() * 255))));
        }
    }

    @AfterAll
    static void stopCameras() throws Exception {
        for (RtspCamera camera : CAMERAS) {
            camera.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0));
        Path data = directory.resolve("data-" + System.nanoTime());
        Storage storage = Storage.open(data);
        for (int i = 0; i < NAMES.size(); i++) {
            storage.cameras().add(new SiteCamera(NAMES.get(i), CAMERAS.get(i).url(), null, null, ZONES.get(NAMES.get(i)), null,
                    SiteCamera.ClipWindow.DEFAULT, true), "test")
                    .get();
        }
        Path settingsFile = directory.resolve("settings-" + System.nanoTime() + "/console.properties");
        List<String> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(NAMES.get(i % 4));
        }
        new CameraViewsFile(settingsFile.resolveSibling("camera-views.properties"))
                .save(Map.of(1, new CameraWallModel.View(4, sixteen)));
        ConsoleSettings settings = ConsoleSettings.DEFAULTS.withNodes(List.of(new NodeAddress("127.0.0.1", node.port())));
        console = Console.start(settings, storage, null);
        window = new ConsoleWindow(stage, console, settings, settingsFile, next -> { },
                TestOperators.account(console.storage(), "ada", Role.ADMIN));
        window.start();
    }

    @AfterEach
    void stop() {
        FxWaits.stop(window);
        console.close();
        node.close();
    }

    @Test
    void eachTileShowsItsCameraAndSixteenTilesOfFourCamerasDecodeEachOnce(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        assertEquals("2×2", fx(() -> robot.lookup("#wall-layout").queryLabeled().getText()));
        for (int tile = 0; tile < 4; tile++) {
            int index = tile;
            await("tile " + tile + " shows " + NAMES.get(tile), () -> fx(() -> showsColour(robot, index, COLOURS.get(NAMES.get(index)))));
        }
        await("the status bar", () -> fx(() -> robot.lookup("#camera-summary").queryLabeled().getText()).equals("4 cameras: 4 live"));

        robot.type(KeyCode.DIGIT1); // the kept view: 4×4, each camera in four tiles
        assertEquals("4×4", fx(() -> robot.lookup("#wall-layout").queryLabeled().getText()));
        for (int tile = 0; tile < 16; tile++) {
            int index = tile;
            await("tile " + tile, () -> fx(() -> showsColour(robot, index, COLOURS.get(NAMES.get(index % 4)))));
        }
        List<CameraReader> readers = console.cameras().readers();
        long[] framesBefore = readers.stream().mapToLong(reader -> reader.counters().frames()).toArray();
        long[] decodedBefore = readers.stream().mapToLong(CameraReader::picturesDecoded).toArray();
        Thread.sleep(2_000);
        for (int i = 0; i < readers.size(); i++) {
            long frames = readers.get(i).counters().frames() - framesBefore[i];
            long decoded = readers.get(i).picturesDecoded() - decodedBefore[i];
            assertTrue(frames >= 20, readers.get(i).name() + ": " + frames + " frames in 2 s");
            assertTrue(decoded >= frames - 2 && decoded <= frames + 2,
                    readers.get(i).name() + " shown in four tiles: " + decoded + " pictures decoded from " + frames + " frames");
        }

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL); // the Live view: nothing decodes
        Thread.sleep(300);
        long[] decodedHidden = readers.stream().mapToLong(CameraReader::picturesDecoded).toArray();
        Thread.sleep(1_000);
        for (int i = 0; i < readers.size(); i++) {
            assertEquals(decodedHidden[i], readers.get(i).picturesDecoded(), readers.get(i).name() + " decoded while not shown");
        }
    }

    @Test
    void aPopUpShowsALiveCameraOfItsZoneTabChangesItAndCShowsThemAllInTheWall(FxRobot robot) {
        await("the node", () -> console.nodes().getFirst().link().state().isOnline());
        node.broadcast(new FirstDetection(EventType.HAZARD, 4242, ObjectClass.FOD, 480, 60, Area.RWY_A,
                NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(1500, 1)));
        await("the card's live picture is Blue, the first camera of runway A",
                () -> fx(() -> colourIs(popupPicture(robot), COLOURS.get("Blue"))));
        robot.type(KeyCode.TAB);
        await("Tab: Green", () -> fx(() -> colourIs(popupPicture(robot), COLOURS.get("Green"))));

        robot.type(KeyCode.C);
        await("the wall", () -> fx(() -> robot.lookup("#wall-message").queryLabeled().getText()).startsWith("Cameras of Runway A"));
        assertEquals("2×2", fx(() -> robot.lookup("#wall-layout").queryLabeled().getText()));
        await("Blue and Green in the wall", () -> fx(() -> showsColour(robot, 0, COLOURS.get("Blue"))
                && showsColour(robot, 1, COLOURS.get("Green"))));
    }

    @Test
    void ctrlRReportsWhatTheSelectedCameraShowsAndCtrlRAgainStopsItsClipAndTakesANote(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        await("tile 0 shows Blue", () -> fx(() -> showsColour(robot, 0, COLOURS.get("Blue"))));
        Thread.sleep(SiteCamera.ClipWindow.DEFAULT.pre().toMillis() / 2); // some of the ring filled

        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        await("the tile records", () -> fx(() -> robot.lookup("#recording-0").queryLabeled().getText()).startsWith("● REC 0:0"));
        await("the report on the board", () -> fx(() -> window.board().open().stream().anyMatch(item -> item.incident().isOperatorReport())));
        Incident report = fx(() -> window.board().open().stream().map(IncidentItem::incident)
                .filter(Incident::isOperatorReport).findFirst().orElseThrow());
        assertEquals(List.of("Blue", "ada", IncidentType.OPERATOR, Area.RWY_A),
                List.of(report.camera(), report.reportedBy(), report.type(), report.zone()));
        assertTrue(fx(() -> robot.lookup("#wall-message").queryLabeled().getText()).startsWith("Recording Blue for report " + report.id()));
        Thread.sleep(2_000);

        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        await("the note's dialog", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        assertEquals("", fx(() -> robot.lookup("#recording-0").queryLabeled().getText()), "stopped");
        robot.clickOn(".dialog-pane .text-field").write("man at the fence, north side").type(KeyCode.ENTER);
        await("the note in the report's history", () -> console.storage().incidents().actions(report.id()).stream()
                .anyMatch(action -> action.kind() == ActionKind.NOTE && "man at the fence, north side".equals(action.note())
                        && action.operator().equals("ada")));
        await("its clip, stored", () -> console.storage().clips().of(report.id()).stream().anyMatch(Clip::hasFile));
        Clip clip = console.storage().clips().of(report.id()).getFirst();
        assertEquals("Blue", clip.camera());
        assertTrue(Duration.between(clip.firstFrame(), clip.lastFrame()).toMillis() >= 2_000, clip.firstFrame() + " to " + clip.lastFrame());
        assertTrue(console.storage().verify().intact(), () -> console.storage().verify().problems().toString());
    }

    private static Image popupPicture(FxRobot robot) {
        return robot.lookup("#popup-live").tryQueryAs(ImageView.class).map(ImageView::getImage).orElse(null);
    }

    /** Whether the tile's picture is the colour, within what H.264 does to a flat colour. */
    private static boolean showsColour(FxRobot robot, int tile, Color expected) {
        return colourIs(robot.lookup("#tile-" + tile + " .image-view").queryAs(ImageView.class).getImage(), expected);
    }

    private static boolean colourIs(Image image, Color expected) {
        if (image == null) {
            return false;
        }
        Color seen = image.getPixelReader().getColor((int) image.getWidth() / 2, (int) image.getHeight() / 2);
        return Math.abs(seen.getRed() - expected.getRed()) < 0.12 && Math.abs(seen.getGreen() - expected.getGreen()) < 0.12
                && Math.abs(seen.getBlue() - expected.getBlue()) < 0.12;
    }
}
