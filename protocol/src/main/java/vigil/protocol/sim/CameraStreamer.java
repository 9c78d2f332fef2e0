package vigil.protocol.sim;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.Camera;
import vigil.protocol.wire.DetectedObject;

/**
 * Streams a simulated camera over UDP as a node does (PROTOCOL.md §6): one datagram per frame,
 * {@code <cam>:<img_id>:<JPEG>}, about 960 × 960 at JPEG quality 0.3, about 30 frames a second.
 * Camera A looks at the north-west of the site, camera B at the south-east. Rendering happens on
 * a thread of its own, never on the node's event loop.
 */
final class CameraStreamer implements AutoCloseable {
    static final int FRAME_SIZE = 960;
    private static final int MAX_DATAGRAM = 65_507;
    private static final long FRAME_INTERVAL_MILLIS = 33;
    private static final DateTimeFormatter OSD = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Supplier<List<DetectedObject>> scene;
    private final ScheduledExecutorService renderer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulated-camera");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> stream;
    private DatagramChannel socket;
    private long frames;

    CameraStreamer(Supplier<List<DetectedObject>> scene) {
        this.scene = scene;
    }

    synchronized void start(Camera camera, InetSocketAddress target) throws IOException {
        stop();
        socket = DatagramChannel.open();
        DatagramChannel out = socket;
        stream = renderer.scheduleAtFixedRate(() -> send(camera, target, out), 0, FRAME_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (stream != null) {
            stream.cancel(false);
            stream = null;
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to send on it
            }
            socket = null;
        }
    }

    @Override
    public void close() {
        stop();
        renderer.shutdownNow();
    }

    private void send(Camera camera, InetSocketAddress target, DatagramChannel out) {
        Instant now = Instant.now();
        byte[] jpeg = render(camera, scene.get(), now, frames++);
        long imageId = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        ByteArrayOutputStream datagram = new ByteArrayOutputStream(jpeg.length + 32);
        datagram.writeBytes((camera.name() + ":" + imageId + ":").getBytes(StandardCharsets.US_ASCII));
        datagram.writeBytes(jpeg);
        try {
            out.send(ByteBuffer.wrap(datagram.toByteArray()), target);
        } catch (IOException e) {
            // UDP: a frame that cannot be sent is a frame lost, as on a real network
        }
    }

    static byte[] render(Camera camera, List<DetectedObject> objects, Instant time, long frameNumber) {
        BufferedImage image = new BufferedImage(FRAME_SIZE, FRAME_SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(SitePainter.GROUND);
        g.fillRect(0, 0, FRAME_SIZE, FRAME_SIZE);
        double originX = camera == Camera.A ? 0 : Area.MAP_WIDTH / 2.0;
        double originY = camera == Camera.A ? 0 : Area.MAP_HEIGHT - 480;
        Graphics2D site = (Graphics2D) g.create();
        site.scale(2, 2);
        site.translate(-originX, -originY);
        SitePainter.paintSite(site);
        for (DetectedObject object : objects) {
            if (object.isOnMap()) {
                SitePainter.paintFigure(site, object.objectClass(), object.isDown(), object.x(), object.y(), 22);
            }
        }
        site.dispose();
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 22));
        g.setColor(new Color(0, 0, 0, 140));
        g.fillRect(0, 0, FRAME_SIZE, 36);
        g.setColor(Color.WHITE);
        g.drawString("CAM " + camera + "   " + OSD.format(time) + "   #" + frameNumber, 14, 26);
        g.dispose();
        for (float quality = 0.3f; ; quality -= 0.1f) {
            byte[] jpeg = JpegEncoder.encode(image, quality);
            if (jpeg.length + 32 <= MAX_DATAGRAM || quality <= 0.1f) {
                return jpeg;
            }
        }
    }
}
