package vigil.app.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * The console heard, through a sound card of the tests' own: the real console in a process of its
 * own (Java Sound finds its line when the process starts), a node that reports a person down, and
 * what the card played.
 */
class AlertSoundTest {
    @TempDir
    Path home;

    /** Nobody at the desk (a first start: no account yet): the rescue sounds, and again every six seconds. */
    @Test
    void aRescueNobodyAcknowledgesIsHeardAgainEverySixSeconds() throws Exception {
        try (SoundCard card = SoundCard.start(); SimulatedNode node = SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withObjects(0))) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Dglass.platform=Headless", "-Dprism.order=sw", "-Dorg.jooq.no-logo=true",
                    "-cp", System.getProperty("java.class.path"), "vigil.app.Vigil", "--node", "127.0.0.1:" + node.port(),
                    "--data", home.resolve("data").toString(), "--exit-after", "24")
                    .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
            builder.environment().putAll(card.environment());
            builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
            Process console = builder.start();
            try {
                Recorder.await("the console on the node", () -> node.consoles() == 1, Duration.ofSeconds(30));
                node.broadcast(new FirstDetection(EventType.RESCUE, 81, ObjectClass.PERSON, 300, 300, Area.RWY_A,
                        NodeTimestamp.of(Instant.now()), 1, TestJpegs.jpeg(2_000, 81)));
                assertTrue(console.waitFor(60, TimeUnit.SECONDS), "the console did not stop");
            } finally {
                console.destroyForcibly();
            }
            String log = Files.readString(home.resolve("console.log"));
            assertTrue(!log.contains("alerts are silent") && !log.contains("alert sounds unavailable"), log);
            List<Double> sounds = card.soundsBegan();
            assertTrue(sounds.size() >= 3, "heard at " + sounds + " s");
            for (int i = 1; i < sounds.size(); i++) {
                assertEquals(6.0, sounds.get(i) - sounds.get(i - 1), 0.8, "heard at " + sounds + " s");
            }
        }
    }
}
