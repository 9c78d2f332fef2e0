package vigil.protocol.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between a console and a node that does to the node's stream what a bad
 * network does: it passes bytes, swallows them without a word (a black hole: no FIN, no RST),
 * damages them at random, or cuts the connection after a given number of bytes (in the middle of
 * a JPEG, say). New
 * connections always pass. One thread per direction per connection; for tests.
 */
public final class FaultProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    /** Bytes from the node still to pass before the cut; negative: no cut. */
    private final AtomicLong untilCut = new AtomicLong(-1);
    private volatile boolean blackHole;
    /** Bytes from the node before the drip's stall; negative: no drip. */
    private final AtomicLong dripUntilStall = new AtomicLong(-1);
    private volatile long stallMillis;
    /** Each byte from the node is damaged with this probability; 0: none. */
    private volatile double corruption;
    private volatile java.util.Random corrupter;

    public FaultProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections the console has made through the proxy. */
    public int connections() {
        return connections.get();
    }

    /** From now on nothing passes either way, and nothing says so. */
    public void blackHole() {
        blackHole = true;
    }

    /**
     * From now on the node's bytes go one per write, and after {@code bytes} of them the stream
     * stalls for {@code stall} before it drips on.
     */
    public void drip(long bytes, java.time.Duration stall) {
        stallMillis = stall.toMillis();
        dripUntilStall.set(bytes);
    }

    /**
     * Ends every connection now: with an RST ({@code reset}, as a firewall or a crashed host does)
     * or with a plain close (as a flapping link does).
     */
    public void dropConnections(boolean reset) throws IOException {
        for (Socket socket : sockets) {
            if (reset && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        }
        sockets.clear();
    }

    /**
     * From now on each byte from the node is damaged (one or more of its bits flipped) with
     * {@code probability}, chosen by a generator seeded with {@code seed}; 0 stops it.
     */
    public void corrupt(double probability, long seed) {
        corrupter = new java.util.Random(seed);
        corruption = probability;
    }

    /** Lets {@code bytes} more of the node's bytes through, then closes both sides. */
    public void cutAfter(long bytes) {
        untilCut.set(bytes);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket console = listener.accept();
                Socket node = new Socket(InetAddress.getLoopbackAddress(), target);
                connections.incrementAndGet();
                blackHole = false; // a new connection finds a working path
                sockets.add(console);
                sockets.add(node);
                Thread.ofVirtual().start(() -> pump(node, console, true));
                Thread.ofVirtual().start(() -> pump(console, node, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromNode) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (blackHole) {
                    continue; // swallowed
                }
                long left = fromNode ? untilCut.get() : -1;
                if (left >= 0 && read >= left) {
                    out.write(buffer, 0, (int) left);
                    out.flush();
                    untilCut.set(-1);
                    from.close();
                    to.close();
                    return;
                }
                if (left >= 0) {
                    untilCut.addAndGet(-read);
                }
                double damage = corruption;
                if (fromNode && damage > 0) {
                    java.util.Random random = corrupter;
                    for (int i = 0; i < read; i++) {
                        if (random.nextDouble() < damage) {
                            buffer[i] ^= (byte) (1 + random.nextInt(255));
                        }
                    }
                }
                if (fromNode && dripUntilStall.get() >= 0) {
                    for (int i = 0; i < read; i++) {
                        if (dripUntilStall.getAndDecrement() == 0) {
                            sleep(stallMillis);
                        }
                        out.write(buffer[i]);
                        out.flush();
                    }
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
