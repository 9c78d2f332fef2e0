package vigil.protocol.wire;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of a JPEG carried by a message, immutable. The decoder copies a JPEG out of the socket's
 * buffer exactly once, into the array this wraps; everything downstream reads it through a
 * read-only view or a stream, so it is never copied again on its way to the store.
 */
public final class Jpeg {
    private final byte[] bytes;
    private volatile String sha256;

    private Jpeg(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of an array that nobody else holds (the decoder's single copy). */
    public static Jpeg wrapOwned(byte[] bytes) {
        return new Jpeg(bytes);
    }

    public int size() {
        return bytes.length;
    }

    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The SHA-256 of the bytes in lower-case hex, computed once. */
    public String sha256Hex() {
        String hash = sha256;
        if (hash == null) {
            hash = HexFormat.of().formatHex(sha256(bytes));
            sha256 = hash;
        }
        return hash;
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Jpeg jpeg && Arrays.equals(bytes, jpeg.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Jpeg[" + bytes.length + " bytes]";
    }
}
