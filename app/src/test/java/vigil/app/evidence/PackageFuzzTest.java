package vigil.app.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import vigil.protocol.wire.Jpeg;

/**
 * Jazzer fuzz targets for {@code vigil verify FILE.zip}. Plain {@code verify} runs the empty input and
 * the regression inputs under {@code src/test/resources/vigil/app/evidence/PackageFuzzTestInputs/}
 * (one of them a whole signed package, for the fuzzer to start from); {@code JAZZER_FUZZ=1} fuzzes
 * (docs/BENCHMARKS.md has the commands and what they reached).
 */
class PackageFuzzTest {
    /** Names Vigil writes, and names it never does (each climbs out of the package's folder). */
    private static final String[] NAMES = {"images/a.jpg", "images/b.jpg", "clips/c.mp4", "incidents.csv", "incidents.json", "report.html",
        "../escape.jpg", "/absolute.jpg", "images/../../up.jpg", "images\\back.jpg"};
    private static final SigningKey KEY = signingKey();

    /** Any bytes as a package: verified, or refused as no readable zip, and nothing else escapes. */
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

    /**
     * A zip built from fuzzer-chosen entries (names, contents, compression, some inflating like a
     * bomb), a manifest listing them rightly or wrongly, its own hash right or wrong, a signature good,
     * garbled or missing: the package verifies clean exactly when every choice was the honest one,
     * and then names the signer and every listed file.
     */
    @FuzzTest(maxDuration = "5m")
    void aPackageBuiltFromFuzzedEntries(FuzzedDataProvider data) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 5); i > 0; i--) {
            String name = data.pickValue(NAMES);
            entries.put(name, new Entry(contents(data), data.consumeBoolean()));
        }
        boolean honest = entries.keySet().stream().allMatch(name -> Arrays.asList(NAMES).indexOf(name) < 6);
        Map<String, String> listed = new LinkedHashMap<>();
        for (var entry : entries.entrySet()) {
            switch (data.consumeInt(0, 3)) {
                case 0, 1 -> listed.put(entry.getKey(), sha256(entry.getValue().bytes()));
                case 2 -> {
                    listed.put(entry.getKey(), sha256(data.consumeBytes(8)));
                    honest = false;
                }
                default -> honest = false; // in the package, not in the manifest
            }
        }
        if (data.consumeBoolean()) {
            listed.put("images/missing.jpg", sha256(new byte[0]));
            honest = false;
        }
        boolean selfHashRight = data.consumeBoolean() || data.consumeBoolean();
        byte[] manifest = manifest(listed, selfHashRight);
        int signature = data.consumeInt(0, 3); // good, none, garbled, by another key's PEM
        honest &= selfHashRight && signature == 0;

        Path file = Files.createTempFile("vigil-fuzz", ".zip");
        try {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                for (var entry : entries.entrySet()) {
                    put(zip, entry.getKey(), entry.getValue());
                }
                put(zip, EvidencePackage.MANIFEST, new Entry(manifest, true));
                if (signature != 1) {
                    put(zip, EvidencePackage.SIGNATURE, new Entry(signature == 2 ? data.consumeBytes(64) : KEY.sign(manifest), false));
                    put(zip, EvidencePackage.SIGNER, new Entry((signature == 3 ? data.consumeString(200) : SigningKey.pem(KEY.publicKey()))
                            .getBytes(StandardCharsets.UTF_8), true));
                }
            }
            honest &= withinBounds(file, listed.keySet().stream().toList());
            EvidencePackage.Verification verification = EvidencePackage.verify(file);
            assertEquals(honest, verification.problems().isEmpty(), () -> "problems " + verification.problems() + " for " + entries.keySet()
                    + ", listed " + listed.keySet() + ", self hash " + (selfHashRight ? "right" : "wrong") + ", signature " + signature);
            if (honest) {
                assertNotNull(verification.signer());
                assertEquals(listed, verification.checked());
            }
        } finally {
            Files.delete(file);
        }
    }

    private record Entry(byte[] bytes, boolean deflated) {
    }

    /** Bytes of the fuzzer's, or a run of one byte that deflates to almost nothing, as a bomb does. */
    private static byte[] contents(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return data.consumeBytes(data.consumeInt(0, 4096));
        }
        byte[] run = new byte[data.consumeInt(0, 3 << 19)]; // past the verifier's bound (a mebibyte and 200 times the packed size) and back
        Arrays.fill(run, data.consumeByte());
        return run;
    }

    private static void put(ZipOutputStream zip, String name, Entry entry) throws IOException {
        ZipEntry zipEntry = new ZipEntry(name);
        if (!entry.deflated()) {
            CRC32 crc = new CRC32();
            crc.update(entry.bytes());
            zipEntry.setMethod(ZipEntry.STORED);
            zipEntry.setSize(entry.bytes().length);
            zipEntry.setCrc(crc.getValue());
        }
        zip.putNextEntry(zipEntry);
        zip.write(entry.bytes());
        zip.closeEntry();
    }

    /** The verifier reads a listed entry only up to 200 times its packed size and a mebibyte. */
    private static boolean withinBounds(Path file, List<String> listed) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return listed.stream().map(zip::getEntry).allMatch(entry -> entry == null
                    || entry.getSize() <= entry.getCompressedSize() * EvidencePackage.MAX_INFLATION + (1 << 20));
        }
    }

    /** A manifest as Vigil writes one, its own hash over its text with that hash left empty. */
    private static byte[] manifest(Map<String, String> listed, boolean selfHashRight) {
        StringBuilder files = new StringBuilder();
        for (var file : listed.entrySet()) {
            files.append(files.isEmpty() ? "" : ",").append("{\"path\":\"").append(file.getKey().replace("\\", "\\\\"))
                    .append("\",\"sha256\":\"").append(file.getValue()).append("\"}");
        }
        String unsigned = "{\"format\":\"vigil evidence package 1\",\"operator\":\"fuzz\",\"files\":[" + files + "],\"manifestSha256\":\"%s\"}";
        String selfHash = sha256(String.format(unsigned, "").getBytes(StandardCharsets.UTF_8));
        return String.format(unsigned, selfHashRight ? selfHash : sha256(new byte[] {1})).getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Jpeg.sha256(bytes));
    }

    private static SigningKey signingKey() {
        try {
            Path directory = Files.createTempDirectory("vigil-fuzz-key");
            directory.toFile().deleteOnExit();
            return SigningKey.of(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
