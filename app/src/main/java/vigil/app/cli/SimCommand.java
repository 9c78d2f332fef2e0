package vigil.app.cli;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.sim.SimulatedNode;

/** {@code vigil sim}: runs the simulated detection node until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run a simulated detection node (PROTOCOL.md §5) until interrupted.")
public final class SimCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "5100", description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--udp-target", paramLabel = "HOST:PORT",
            description = "Where camera frames go (default: the asking console's address, port 4100).")
    String udpTarget;

    @Option(names = "--seed", defaultValue = "1", description = "Scenario seed: the same seed plays the same story (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "25", description = "ME_OD snapshots per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--objects", defaultValue = "12", description = "Objects on the site at once (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--quirks", description = "Behave like older, sloppier nodes: AH_ replies, no newline after ME_FD, coalesced writes, positions off the map.")
    boolean quirks;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress target = null;
        if (udpTarget != null) {
            NodeAddress address = NodeAddress.parse(udpTarget);
            target = new InetSocketAddress(address.host(), address.port());
        }
        var settings = new SimulatedNode.Settings(port, target, seed, rate, objects, quirks);
        SimulatedNode node = SimulatedNode.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "vigil-sim-shutdown"));
        System.err.printf("simulated node listening on port %d (seed %d, %s Hz, %d objects%s)%n",
                node.port(), seed, rate, objects, quirks ? ", quirks" : "");
        Thread.currentThread().join(); // until interrupted; the hook stops the node
        return 0;
    }
}
