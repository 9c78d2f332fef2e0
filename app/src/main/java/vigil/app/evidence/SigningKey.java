package vigil.app.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import vigil.protocol.wire.Jpeg;

/**
 * This installation's Ed25519 key pair, which signs its evidence packages. Made on first use in the
 * data directory's {@code signing/}: the private key readable by its owner only, the public key as
 * PEM, to publish (openssl reads it). A key is known by its fingerprint: the SHA-256 of its
 * encoded public key, in hex.
 */
public final class SigningKey {
    static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE_FILE = "ed25519.key";
    private static final String PUBLIC_FILE = "ed25519.pub.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The key pair in {@code dataDirectory}, made there first if it has none. */
    public static SigningKey of(Path dataDirectory) throws IOException {
        Path directory = dataDirectory.resolve("signing");
        Path privateFile = directory.resolve(PRIVATE_FILE);
        if (!Files.exists(directory)) {
            create(directory);
        }
        try {
            KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
            PublicKey publicKey = readPublic(directory.resolve(PUBLIC_FILE));
            return new SigningKey(privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("the signing key in " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The public key of the installation whose data directory this is, or null when it has none yet. */
    public static PublicKey publicKeyIn(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("signing").resolve(PUBLIC_FILE);
        return Files.exists(file) ? readPublic(file) : null;
    }

    /** Writes a new pair beside {@code directory}, then renames it into place: a second process racing this one keeps the pair that won. */
    private static void create(Path directory) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
        Files.createDirectories(directory.getParent());
        Path partial = Files.createTempDirectory(directory.getParent(), "signing",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.write(Files.createFile(partial.resolve(PRIVATE_FILE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), pair.getPrivate().getEncoded());
        Files.writeString(partial.resolve(PUBLIC_FILE), pem(pair.getPublic()), StandardCharsets.US_ASCII);
        try {
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException anotherWon) {
            Files.delete(partial.resolve(PRIVATE_FILE));
            Files.delete(partial.resolve(PUBLIC_FILE));
            Files.delete(partial);
        }
    }

    private static PublicKey readPublic(Path file) throws IOException {
        return readPublic(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /** A PEM public key; {@code source} names where it came from, for the error. */
    static PublicKey readPublic(String pem, String source) throws IOException {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(source + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String fingerprint(PublicKey key) {
        return HexFormat.of().formatHex(Jpeg.sha256(key.getEncoded()));
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }

    /** Whether {@code signature} is {@code key}'s over {@code message}. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
