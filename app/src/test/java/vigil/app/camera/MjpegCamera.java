package vigil.app.camera;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * A real HTTP MJPEG camera for tests, as cheap IP cameras serve one: the JDK's HTTP server on a
 * free loopback port answering {@code /video.mjpg} with {@code multipart/x-mixed-replace} JPEG
 * frames of one colour, ten a second, for as long as the client reads, and {@code /snapshot.jpg}
 * with one JPEG a request; optionally behind Basic authentication.
 */
final class MjpegCamera implements AutoCloseable {
    private static final String BOUNDARY = "vigilframe";
    private final HttpServer server;
    private final byte[] jpeg;

    private MjpegCamera(Color colour, String user, String password) throws IOException {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        jpeg = out.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var stream = server.createContext("/video.mjpg", this::stream);
        var snapshot = server.createContext("/snapshot.jpg", this::snapshot);
        if (user != null) {
            for (var context : java.util.List.of(stream, snapshot)) {
                context.setAuthenticator(new BasicAuthenticator("camera") {
                    @Override
                    public boolean checkCredentials(String name, String secret) {
                        return user.equals(name) && password.equals(secret);
                    }
                });
            }
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    static MjpegCamera start(Color colour, String... userAndPassword) throws IOException {
        return new MjpegCamera(colour, userAndPassword.length > 0 ? userAndPassword[0] : null,
                userAndPassword.length > 1 ? userAndPassword[1] : null);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/video.mjpg";
    }

    /** One JPEG a request, as snapshot URLs answer. */
    String snapshotUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/snapshot.jpg";
    }

    private void snapshot(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
        exchange.sendResponseHeaders(200, jpeg.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(jpeg);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace;boundary=" + BOUNDARY);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            while (true) {
                body.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                body.write(jpeg);
                body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                body.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException gone) {
            // the client went away, or the camera was stopped
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
