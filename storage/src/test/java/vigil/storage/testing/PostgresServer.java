package vigil.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import vigil.storage.SharedStore;

/**
 * A private PostgreSQL cluster for tests: Debian's server, set up with {@code initdb} in a temporary
 * directory and started with {@code pg_ctl} on a free loopback port (through {@code runuser -u
 * postgres} when run as root, which {@code initdb} refuses). One per test JVM, stopped when it ends;
 * each caller gets a database of its own. Where PostgreSQL is not installed the test is skipped
 * and says why, unless {@code VIGIL_TEST_POSTGRESQL=required} in the environment (as in CI) makes that
 * a failure.
 */
public final class PostgresServer {
    public static final String USER = "vigil";
    public static final String PASSWORD = "not-a-secret";

    private static PostgresServer running;

    private final Path bin;
    private final Path directory;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** The test JVM's server, started at the first call. */
    public static synchronized PostgresServer get() {
        if (running == null) {
            Optional<Path> bin = installed();
            if (bin.isEmpty()) {
                String missing = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql): "
                        + "this test's PostgreSQL half is skipped";
                if ("required".equals(System.getenv("VIGIL_TEST_POSTGRESQL"))) {
                    throw new IllegalStateException(missing);
                }
                Assumptions.abort(missing);
            }
            running = start(bin.get());
            PostgresServer server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return running;
    }

    private static Optional<Path> installed() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static PostgresServer start(Path bin) {
        try {
            Path directory = Files.createTempDirectory("vigil-postgresql");
            Path passwordFile = Files.writeString(directory.resolve("password"), PASSWORD);
            int port = freePort();
            PostgresServer server = new PostgresServer(bin, directory, port);
            if (asRoot()) {
                run(List.of("chown", "-R", "postgres", directory.toString()));
            }
            server.runAsOwner(bin.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync");
            server.runAsOwner(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-w", "-l",
                    directory.resolve("server.log").toString(), "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory, "start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty database on this server, as the store address that names it. */
    public SharedStore newDatabase() {
        String name = "vigil_" + databases.incrementAndGet();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return SharedStore.parse("postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER, PASSWORD);
    }

    public int port() {
        return port;
    }

    /** Stops the server at once, as a crash or a pulled cable would; {@link #restart} brings it back. */
    public void kill() {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }

    /** Starts the server again on the same port, after {@link #kill}. */
    public void restart() {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-w", "-l",
                directory.resolve("server.log").toString(), "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory, "start");
    }

    private void stop() {
        try {
            runAsOwner(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    private void runAsOwner(String... command) {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
