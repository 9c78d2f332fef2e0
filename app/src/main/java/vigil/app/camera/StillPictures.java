package vigil.app.camera;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import vigil.protocol.wire.Jpeg;

/** A camera's picture kept as a JPEG: the picture of an operator's report. */
public final class StillPictures {

    private StillPictures() {
    }

    /** Encodes {@code argb} (a row of {@code width} pixels after another, alpha ignored); any thread. */
    public static Jpeg jpeg(int width, int height, int[] argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream(width * height / 8);
        try {
            if (!ImageIO.write(image, "jpg", jpeg)) {
                throw new IllegalStateException("this Java has no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Jpeg.wrapOwned(jpeg.toByteArray());
    }
}
