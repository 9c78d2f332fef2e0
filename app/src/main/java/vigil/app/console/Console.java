package vigil.app.console;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import vigil.app.alerts.Alerts;
import vigil.app.camera.Cameras;
import vigil.app.camera.EvidenceClips;
import vigil.app.evidence.SigningKey;
import vigil.app.live.SiteState;
import vigil.app.recording.NewIncident;
import vigil.app.recording.Recorder;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.sim.SimulatedNode;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeMessage;
import vigil.storage.Incident;
import vigil.storage.IncidentAction;
import vigil.storage.IncidentStore;
import vigil.storage.Storage;

/**
 * The console's working parts, without a screen: one link per node, each with its
 * {@link SiteState}, all recording through one {@link Recorder} into the store. With no node
 * configured it runs the simulated node in-process and links to that.
 *
 * <p>New incidents and write failures arrive on the store's writer thread, and what the other desks
 * of a shared store record and do on its listening thread; they wait in queues that the screen
 * drains once per frame.
 */
public final class Console implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Console.class.getName());

    /** A node the console follows: its link and what it has said. */
    public record Node(NodeLink link, SiteState site) {
        public NodeAddress address() {
            return link.address();
        }
    }

    private final Storage storage;
    private final SimulatedNode simulatedNode;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Node> nodes = new ArrayList<>();
    private final Queue<NewIncident> newIncidents = new ConcurrentLinkedQueue<>();
    private final Queue<ActedElsewhere> actedElsewhere = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> storageFailures = new ConcurrentLinkedQueue<>();
    private final Queue<EvidenceClips.Report> clipReports = new ConcurrentLinkedQueue<>();
    private final Cameras cameras;
    private final Alerts alerts;

    private Console(Storage storage, SimulatedNode simulatedNode, long clipQuotaBytes) {
        this.storage = storage;
        this.simulatedNode = simulatedNode;
        this.cameras = new Cameras(storage, clipQuotaBytes, (camera, health) -> { }, clipReports::add);
        this.alerts = Alerts.start(storage);
        storage.listenToOtherDesks(new IncidentStore.Listener() {
            @Override
            public void recorded(Incident incident, Jpeg picture) {
                newIncidents.add(new NewIncident(incident, picture));
            }

            @Override
            public void acted(Incident incident, IncidentAction action) {
                actedElsewhere.add(new ActedElsewhere(incident, action));
            }
        });
    }

    /**
     * Links to the settings' nodes, or to a simulated node started with {@code simulation} when
     * there are none. The console owns the store from here on and closes it.
     */
    public static Console start(ConsoleSettings settings, Storage storage, SimulatedNode.Settings simulation)
            throws InterruptedException {
        List<NodeAddress> addresses = settings.nodes();
        SimulatedNode simulated = null;
        if (addresses.isEmpty()) {
            simulated = SimulatedNode.start(simulation);
            addresses = List.of(new NodeAddress("127.0.0.1", simulated.port()));
        }
        Console console = new Console(storage, simulated, settings.clipQuotaBytes());
        Alerts alerts = console.alerts;
        Recorder recorder = new Recorder(storage, console.cameras.clips()::camerasOwing, recorded -> {
            console.cameras.clips().record(recorded.incident());
            console.newIncidents.add(recorded);
        }, console.storageFailures::add);
        long expiryMillis = Math.round(settings.objectExpirySeconds() * 1000);
        for (NodeAddress address : addresses) {
            SiteState site = new SiteState(address, expiryMillis, System::currentTimeMillis);
            NodeLink link = new NodeLink(address, console.group, settings.probes().linkSettings(address), new NodeLink.Listener() {
                @Override
                public void onMessage(NodeLink nodeLink, NodeMessage message) {
                    site.onMessage(nodeLink, message);
                    recorder.onMessage(nodeLink, message);
                    alerts.onMessage(nodeLink, message);
                }

                @Override
                public void onStateChange(NodeLink nodeLink, LinkState state) {
                    site.onStateChange(nodeLink, state);
                    recorder.onStateChange(nodeLink, state);
                    alerts.onStateChange(nodeLink, state);
                }
            });
            console.nodes.add(new Node(link, site));
        }
        console.nodes.forEach(node -> node.link().start());
        console.cameras.start();
        try {
            SigningKey.of(storage.directory()); // made on the first start, so that it can be published before the first export
        } catch (IOException e) {
            LOG.log(Level.WARNING, "no signing key: evidence packages cannot be exported until it can be made", e);
        }
        return console;
    }

    public Storage storage() {
        return storage;
    }

    public Alerts alerts() {
        return alerts;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public boolean isSimulated() {
        return simulatedNode != null;
    }

    /** The in-process simulated node, or null when the console follows real nodes. */
    public SimulatedNode simulatedNode() {
        return simulatedNode;
    }

    /** The site's own cameras, read (and their changes recorded) as {@code vigil record} reads them. */
    public Cameras cameras() {
        return cameras;
    }

    public EventLoopGroup eventLoops() {
        return group;
    }

    /** Incidents made durable since the last call, here or at another desk, oldest first; for the FX thread's frame. */
    public List<NewIncident> takeNewIncidents() {
        return drain(newIncidents);
    }

    /** What the other desks of a shared store did since the last call, oldest first; for the FX thread's frame. */
    public List<ActedElsewhere> takeActedElsewhere() {
        return drain(actedElsewhere);
    }

    public List<Throwable> takeStorageFailures() {
        return drain(storageFailures);
    }

    /** Clips stored or found missing since the last call; for the FX thread's frame. */
    public List<EvidenceClips.Report> takeClipReports() {
        return drain(clipReports);
    }

    private static <T> List<T> drain(Queue<T> queue) {
        List<T> items = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            items.add(item);
        }
        return items;
    }

    /** Closes the links and cameras, writes the clips they handed over, lets the store finish, then stops the simulated node. */
    @Override
    public void close() {
        nodes.forEach(node -> node.link().close());
        cameras.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        storage.settle(Duration.ofSeconds(5)); // the last incidents' news reaches the alerts
        alerts.close(); // before the store: what they send is logged in it
        storage.close();
        if (simulatedNode != null) {
            simulatedNode.close();
        }
    }
}
