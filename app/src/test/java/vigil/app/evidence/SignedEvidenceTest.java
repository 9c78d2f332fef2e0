package vigil.app.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vigil.app.CapturedOutput;
import vigil.app.operators.TestOperators;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.Storage;

/** vigil operators, export (only for a supervisor), keys and verify of a signed package, through the command line. */
class SignedEvidenceTest {
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9a-f]{64})\n");

    @TempDir
    Path work;

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private Path data;
    private Path password;

    @BeforeEach
    void oneIncidentAndTwoOperators() throws Exception {
        data = work.resolve("data");
        try (Storage storage = Storage.open(data)) {
            storage.incidents().record(new NodeAddress("node", 5100), new FirstDetection(EventType.UNAUTH, 7, ObjectClass.PERSON, 100, 100,
                    Area.RWY_A, NodeTimestamp.of(Instant.now()), 0, TestJpegs.jpeg(800, 1)), Instant.now()).get();
        }
        password = Files.writeString(work.resolve("password"), TestOperators.PASSWORD + "\n");
        assertEquals(0, vigil("operators", "add", "bo", "--role", "operator", "--password-file", password.toString(), "--data", data.toString()));
        assertEquals(0, vigil("operators", "add", "sue", "--role", "supervisor", "--display-name", "Sue Marsh",
                "--password-file", password.toString(), "--data", data.toString()));
    }

    private int vigil(String... args) {
        return captured.vigil(args);
    }

    private int export(Path zip, String operator, Path passwordFile) {
        return vigil("export", "--data", data.toString(), "--out", zip.toString(), "--operator", operator, "--password-file", passwordFile.toString());
    }

    @Test
    void anOperatorIsRefusedASupervisorExportsAndThePackageNamesItsSigner() throws Exception {
        Path zip = work.resolve("evidence.zip");
        assertEquals(2, export(zip, "bo", password));
        assertEquals("vigil export: refused: only a supervisor or an admin may export evidence (which puts it on hold) (bo is an operator)\n",
                captured.stderr());
        assertEquals(2, export(zip, "sue", Files.writeString(work.resolve("wrong"), "not her password\n")));
        assertEquals("vigil export: refused: wrong name or password\n", captured.stderr());
        assertFalse(Files.exists(zip));

        assertEquals(0, export(zip, "sue", password));
        assertEquals(0, vigil("keys", "--data", data.toString()));
        Matcher key = FINGERPRINT.matcher(captured.stdout());
        assertTrue(key.lookingAt(), captured.stdout());
        assertTrue(captured.stdout().contains("-----BEGIN PUBLIC KEY-----\n"), captured.stdout());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("signing/ed25519.key"))));
        assertEquals(0, vigil("verify", zip.toString(), "--data", data.toString()));
        assertTrue(captured.stdout().startsWith("signed by " + key.group(1) + " (this installation)\nOK: "), captured.stdout());

        assertEquals(0, vigil("incidents", "--data", data.toString(), "--json"));
        assertTrue(captured.stdout().contains("\"action\":\"EXPORT\",\"note\":\"evidence package evidence.zip\",\"operator\":\"sue\""),
                captured.stdout());
        assertEquals(0, vigil("events", "--data", data.toString(), "--kind", "sign-in"));
        assertTrue(captured.stdout().contains("FAILED      sign-in refused for 'sue': wrong password"), captured.stdout());
        assertEquals(0, vigil("operators", "list", "--data", data.toString(), "--json"));
        assertTrue(captured.stdout().startsWith("{\"name\":\"bo\",\"displayName\":\"bo\",\"role\":\"operator\",\"disabled\":false,\"createdBy\":\"os:"),
                captured.stdout());
        assertFalse(captured.stdout().contains("argon2"), "no password hash is ever listed");
        assertEquals(0, vigil("operators", "history", "--data", data.toString(), "--json"));
        List<String> history = captured.stdout().lines().toList();
        assertEquals(2, history.size(), captured.stdout());
        assertTrue(history.get(1).contains("\"kind\":\"ACCOUNT_ADDED\",\"subject\":\"sue\""), history.get(1));
    }

    @Test
    void anAlteredManifestByteAndAPackageReSignedWithAnotherKeyFail() throws Exception {
        Path zip = work.resolve("evidence.zip");
        assertEquals(0, export(zip, "sue", password));

        Path altered = rewrite(zip, "altered.zip", (name, bytes) -> {
            if (name.equals(EvidencePackage.MANIFEST)) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                return text.replace("\"operator\":\"sue\"", "\"operator\":\"suf\"").getBytes(StandardCharsets.UTF_8);
            }
            return bytes;
        });
        assertEquals(1, vigil("verify", altered.toString(), "--data", data.toString()));
        assertTrue(captured.stdout().contains("FAILED: the manifest's signature does not match it: manifest.json or manifest.sig has been changed\n"),
                captured.stdout());
        assertTrue(captured.stdout().contains("FAILED: manifest.json has been changed (its content hashes to "), captured.stdout());

        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] manifest;
        try (ZipFile original = new ZipFile(zip.toFile())) {
            manifest = original.getInputStream(original.getEntry(EvidencePackage.MANIFEST)).readAllBytes();
        }
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(other.getPrivate());
        signer.update(manifest);
        byte[] otherSignature = signer.sign();
        Path reSigned = rewrite(zip, "re-signed.zip", (name, bytes) -> switch (name) {
            case EvidencePackage.SIGNATURE -> otherSignature;
            case EvidencePackage.SIGNER -> SigningKey.pem(other.getPublic()).getBytes(StandardCharsets.US_ASCII);
            default -> bytes;
        });
        String otherFingerprint = SigningKey.fingerprint(other.getPublic());
        assertEquals(1, vigil("verify", reSigned.toString(), "--data", data.toString()));
        assertTrue(captured.stdout().startsWith("FAILED: signed by " + otherFingerprint + ", another installation's key, not "), captured.stdout());
        assertTrue(captured.stdout().contains(" (this installation's)\n1 problem; "), captured.stdout());
        assertEquals(0, vigil("verify", reSigned.toString(), "--signer", otherFingerprint), "the other site's package, checked against its published key");
        assertTrue(captured.stdout().startsWith("signed by " + otherFingerprint + "\nOK: "), captured.stdout());
    }

    /** Copies a package, each entry's bytes through {@code change}. */
    private Path rewrite(Path from, String name, BiFunction<String, byte[], byte[]> change) throws Exception {
        Path to = work.resolve(name);
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry : in.stream().toList()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(change.apply(entry.getName(), in.getInputStream(entry).readAllBytes()));
                out.closeEntry();
            }
        }
        return to;
    }
}
