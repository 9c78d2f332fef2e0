package vigil.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.recording.LivenessProbes;
import vigil.protocol.link.NodeAddress;

class ConsoleSettingsTest {
    @TempDir
    Path directory;

    @Test
    void noFileMeansTheDefaults() {
        assertEquals(ConsoleSettings.DEFAULTS, ConsoleSettings.load(directory.resolve("none.properties")));
        assertTrue(ConsoleSettings.DEFAULTS.nodes().isEmpty(), "no node: the simulated node");
    }

    @Test
    void savedSettingsReadBackEqual() {
        Path file = directory.resolve("vigil/console.properties");
        ConsoleSettings settings = ConsoleSettings.DEFAULTS
                .withNodes(List.of(new NodeAddress("10.0.0.7", 5100), new NodeAddress("node-b", 5200)))
                .withTheme(ConsoleSettings.Theme.LIGHT).withSound(0.4, true).withObjectExpirySeconds(3.5).withVideoPort(4200)
                .withProbes(new LivenessProbes(Duration.ofSeconds(90), List.of(new NodeAddress("node-b", 5200))));
        settings.save(file);
        assertEquals(settings, ConsoleSettings.load(file));
    }

    @Test
    void theSharedStoresAddressIsKeptAndAWrongOneRefusedInWords() throws Exception {
        Path file = directory.resolve("store.properties");
        Files.writeString(file, "store=postgresql://db.site:5433/vigil?user=desk\n");
        ConsoleSettings settings = ConsoleSettings.load(file);
        assertEquals("postgresql://db.site:5433/vigil?user=desk", settings.store());
        settings.save(file);
        assertEquals(settings, ConsoleSettings.load(file));
        Files.writeString(file, "store=postgresql://db.site/vigil\n");
        SettingsException error = assertThrows(SettingsException.class, () -> ConsoleSettings.load(file));
        assertTrue(error.getMessage().contains("names no user: add ?user=NAME"), error.getMessage());
    }

    @Test
    void theFileLivesInTheXdgConfigHome() {
        assertEquals(Path.of("/cfg/vigil/console.properties"), ConsoleSettings.file(Map.of("XDG_CONFIG_HOME", "/cfg")));
        assertEquals(Path.of(System.getProperty("user.home"), ".config/vigil/console.properties"), ConsoleSettings.file(Map.of()));
    }

    @Test
    void aBadValueIsAnErrorThatNamesTheFile() throws Exception {
        Path file = directory.resolve("bad.properties");
        Files.writeString(file, "videoPort=99999\n");
        SettingsException error = assertThrows(SettingsException.class, () -> ConsoleSettings.load(file));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("99999"), error.getMessage());
    }
}
