package vigil.protocol.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import vigil.protocol.wire.Jpeg;

/** Builds a byte stream from text and JPEGs, as a test would write it by hand from PROTOCOL.md. */
public final class WireBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public WireBytes text(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public WireBytes jpeg(Jpeg jpeg) {
        out.writeBytes(jpeg.toByteArray());
        return this;
    }

    public WireBytes bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
