package vigil.app.evidence;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Jazzer fuzz target for {@code vigil verify FILE.zip}: any bytes as a package are verified, or
 * refused as no readable zip, and nothing else escapes. Plain {@code verify} runs the empty input and
 * the regression inputs under {@code src/test/resources/vigil/app/evidence/PackageFuzzTestInputs/}
 * (one of them a whole signed package, for the fuzzer to start from); {@code JAZZER_FUZZ=1} fuzzes
 * (docs/BENCHMARKS.md has the command and what it reached).
 */
class PackageFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void anyBytesAsAPackage(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("vigil-fuzz", ".zip");
        try {
            Files.write(file, bytes);
            EvidencePackage.verify(file);
        } catch (IOException notAZip) {
            // vigil verify says so in words ("is not a zip that can be read"); HostilePackageTest checks the words
        } finally {
            Files.delete(file);
        }
    }
}
