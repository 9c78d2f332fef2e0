package vigil.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * {@code ManyNodes N OBJECTS [DETECTIONS_PER_MINUTE]}: N simulated nodes, each moving OBJECTS objects
 * at 25 Hz, in a process of their own so that a benchmark can tell the console's CPU from theirs.
 * Prints the ports on one line, then answers each line it reads with two counts: the first
 * detections the nodes' scenarios have sent, and those of its own. Those start at the first line
 * it reads (once the consoles are linked: a node sends to whoever is there), at the rate given,
 * round the nodes, each with an object id no scenario gives (below {@link #OWN_IDS_BELOW}), until it
 * reads {@code stop}. Stops when its standard input closes.
 */
public final class ManyNodes {
    /** A scenario's ids are the millisecond times 100. */
    public static final long OWN_IDS_BELOW = 1_000_000_000_000L;

    public static void main(String[] args) throws IOException, InterruptedException {
        int count = Integer.parseInt(args[0]);
        int objects = Integer.parseInt(args[1]);
        double perMinute = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        List<SimulatedNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(SimulatedNode.start(SimulatedNode.Settings.defaults().withPort(0).withSeed(i).withObjects(objects)));
        }
        System.out.println(nodes.stream().map(node -> Integer.toString(node.port())).collect(Collectors.joining(",")));
        System.out.flush();
        long[] own = {0}; // the sender's thread's
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean sending = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("stop")) {
                sender.shutdown();
                sender.awaitTermination(10, TimeUnit.SECONDS);
                TimeUnit.SECONDS.sleep(1); // the nodes' loops write what was handed to them
            } else if (!sending && perMinute > 0) {
                sending = true;
                sender.scheduleAtFixedRate(() -> {
                    long n = own[0]++;
                    Area zone = Area.ZONES.get((int) (n % Area.ZONES.size()));
                    double[] bounds = zone.bounds();
                    nodes.get((int) (n % nodes.size())).broadcast(new FirstDetection(EventType.UNAUTH, 1 + n, ObjectClass.PERSON,
                            (int) bounds[0] + 10, (int) bounds[1] + 10, zone, NodeTimestamp.of(Instant.now()), 0, TestJpegs.jpeg(3_000, (int) n)));
                }, 0, (long) (60e6 / perMinute), TimeUnit.MICROSECONDS);
            }
            long ownSent = sender.isShutdown() ? own[0] : CompletableFuture.supplyAsync(() -> own[0], sender).join();
            System.out.println(nodes.stream().mapToLong(SimulatedNode::firstDetectionsSent).sum() + " " + ownSent);
            System.out.flush();
        }
        sender.shutdownNow();
        nodes.forEach(SimulatedNode::close);
        System.exit(0);
    }
}
