package vigil.protocol.sim;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.ObjectClass;

/**
 * Draws the crop a node sends with a first detection: the object on the surface it stands on, with
 * the camera's time stamp burnt in, 160 × 120, a few kilobytes as real crops are.
 */
final class CropRenderer {
    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private CropRenderer() {
    }

    static Jpeg render(ObjectClass objectClass, Area area, boolean down, long objectId, Instant time) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(SitePainter.surface(area));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Random grain = new Random(objectId);
        for (int i = 0; i < 260; i++) { // the texture of asphalt or grass, so it reads as a photograph
            int shade = grain.nextInt(-18, 18);
            Color base = SitePainter.surface(area);
            g.setColor(new Color(clamp(base.getRed() + shade), clamp(base.getGreen() + shade), clamp(base.getBlue() + shade)));
            g.fillRect(grain.nextInt(WIDTH), grain.nextInt(HEIGHT), 2 + grain.nextInt(4), 2 + grain.nextInt(3));
        }
        SitePainter.paintFigure(g, objectClass, down, WIDTH / 2.0, HEIGHT / 2.0 + 4, 82);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 10));
        g.setColor(new Color(255, 255, 255, 200));
        g.drawString(STAMP.format(time), 4, HEIGHT - 5);
        g.dispose();
        return Jpeg.wrapOwned(JpegEncoder.encode(image, 0.75f));
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
