package vigil.app.console;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vigil.app.cameras.CameraViewsFile;

/**
 * Jazzer fuzz targets for the console's own files: any bytes as {@code console.properties} are
 * settings or a {@link SettingsException} naming the file, nothing else; any bytes as
 * {@code camera-views.properties} give the views that can be read, never an exception or a hang.
 * Plain {@code verify} replays the inputs under {@code src/test/resources/vigil/app/console/SettingsFuzzTestInputs/}.
 */
class SettingsFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void anySettingsFile(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("vigil-fuzz", ".properties");
        try {
            Files.write(file, bytes);
            ConsoleSettings.load(file);
        } catch (SettingsException refusedInWords) {
            // the console says so and does not start
        } finally {
            Files.delete(file);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void anyCameraViewsFile(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("vigil-fuzz", ".properties");
        try {
            Files.write(file, bytes);
            new CameraViewsFile(file).load();
        } finally {
            Files.delete(file);
        }
    }
}
