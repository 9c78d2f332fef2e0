package vigil.app.alerts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT broker for tests: Debian's Mosquitto on a free loopback port, with its own
 * configuration file and no persistence (a restart loses every session, as a broker that crashed
 * does), plain or over TLS. {@link #restart()} stops it and starts it again on the same port.
 */
final class MosquittoBroker implements AutoCloseable {
    private final Path directory;
    private final int port;
    private Process process;

    private MosquittoBroker(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static MosquittoBroker start() throws IOException, InterruptedException {
        return start("");
    }

    /** A broker that speaks only TLS, with this certificate (PEM, with its key) signed by {@code authority}. */
    static MosquittoBroker startTls(Path authority, Path certificate, Path key) throws IOException, InterruptedException {
        // As root it would read them as the user "mosquitto", who may not enter the test's folder.
        return start("cafile " + authority + "\ncertfile " + certificate + "\nkeyfile " + key + "\nuser root\n");
    }

    private static MosquittoBroker start(String listenerSettings) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("mosquitto");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(directory.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\n" + listenerSettings
                + "allow_anonymous true\npersistence false\nlog_dest stderr\n");
        MosquittoBroker broker = new MosquittoBroker(directory, port);
        broker.run();
        return broker;
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private void run() throws IOException, InterruptedException {
        process = new ProcessBuilder("/usr/sbin/mosquitto", "-c", directory.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto stopped: " + Files.readString(directory.resolve("mosquitto.log")));
                }
                Thread.sleep(20);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void restart() throws IOException, InterruptedException {
        stop();
        run();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
