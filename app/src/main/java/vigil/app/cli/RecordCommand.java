package vigil.app.cli;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vigil.app.alerts.Alerts;
import vigil.app.camera.ByteSize;
import vigil.app.camera.Cameras;
import vigil.app.camera.EvidenceClips;
import vigil.app.recording.LivenessProbes;
import vigil.app.recording.Recorder;
import vigil.app.recording.StoreWait;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.NodeMessage;
import vigil.storage.Clip;
import vigil.storage.Incident;
import vigil.storage.NodeNames;
import vigil.storage.Outage;
import vigil.storage.SharedStoreUnreachableException;
import vigil.storage.Storage;

/** {@code vigil record}: the console without its screen, recording incidents and site events. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record the incidents and site events of one or more nodes, with no screen.")
public final class RecordCommand implements Callable<Integer> {

    @Option(names = "--node", paramLabel = "HOST:PORT", required = true, description = "A node to record (repeatable).")
    List<String> nodes;

    @Mixin
    DataOption data;

    @Mixin
    ProbeOptions probes;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds.")
    Double duration;

    @Option(names = "--once", description = "Do not reconnect: stop when every node has closed its connection.")
    boolean once;

    @Option(names = "--retain-days", paramLabel = "DAYS",
            description = "Prune resolved and false-alarm incidents older than this, hourly (never open ones, never ones on evidence hold). Off by default.")
    Integer retainDays;

    @Option(names = "--clip-quota", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "The cap for clip storage, as 20G or 500M (default 20G). Over it, the oldest clips of resolved and false-alarm incidents not on hold go first.")
    long clipQuota = Cameras.DEFAULT_CLIP_QUOTA;

    /** Reads {@code 20G}, {@code 500M} and the like. */
    static final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return ByteSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The links' listener, which hands each message on to what records it: the spool while the store is out of reach. */
    private static final class Relay implements NodeLink.Listener {
        private volatile NodeLink.Listener to;

        @Override
        public void onMessage(NodeLink link, NodeMessage message) {
            to.onMessage(link, message);
        }

        @Override
        public void onStateChange(NodeLink link, LinkState state) {
            to.onStateChange(link, state);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Relay relay = new Relay();
        List<NodeLink> links = new ArrayList<>();
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + Math.round(duration * 1e9);
        Storage storage = open(group, relay, links, deadline);
        if (storage == null) { // stopped before the shared store came back: what was spooled waits for the next start
            return 0;
        }
        Cameras cameras = new Cameras(storage, clipQuota, (camera, health) -> System.err.println("[camera " + camera.name() + "] " + health),
                RecordCommand::report);
        Alerts alerts = Alerts.start(storage);
        Recorder recorder = new Recorder(storage, cameras.clips()::camerasOwing, recorded -> {
            cameras.clips().record(recorded.incident());
            System.out.println(line(recorded.incident(), storage.nodeNames()));
        }, error -> System.err.println("vigil record: a write failed: " + error.getMessage()));
        NodeLink.Listener recorderAndStderr = new NodeLink.Listener() {
            @Override
            public void onMessage(NodeLink link, NodeMessage message) {
                recorder.onMessage(link, message);
                alerts.onMessage(link, message);
            }

            @Override
            public void onStateChange(NodeLink link, LinkState state) {
                recorder.onStateChange(link, state);
                alerts.onStateChange(link, state);
                System.err.println("[" + link.address() + "] " + state); // as vigil tap: whoever watches sees a cut at once
            }
        };
        relay.to = recorderAndStderr;
        storage.listenToOutages(new Outage.Listener() {
            @Override
            public void began(Outage outage, Instant at, String reason) {
                System.err.println("vigil record: " + outage.words() + " (" + reason + "): node incidents wait until it takes them");
            }

            @Override
            public void ended(Outage outage, String reason, Instant since, Instant at, int waited) {
                System.err.println("vigil record: " + Outage.ended(since, at, waited));
            }
        });
        if (links.isEmpty()) {
            startLinks(group, relay, links);
        }
        cameras.start();
        if (retainDays != null) {
            group.scheduleAtFixedRate(() -> storage.incidents().prune(Instant.now().minus(Duration.ofDays(retainDays)))
                    .thenAccept(pruned -> {
                        if (pruned > 0) {
                            System.err.println("vigil record: pruned " + pruned + " incidents older than " + retainDays + " days");
                        }
                    }), 0, 1, TimeUnit.HOURS);
        }
        Thread stopOnSignal = new Thread(() -> stop(links, cameras, alerts, group, storage), "vigil-record-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        System.err.println("recording " + String.join(", ", nodes)
                + (cameras.readers().isEmpty() ? "" : " and " + cameras.readers().size() + " cameras") + " into " + storage.location()
                + (alerts.targetNames().isEmpty() ? "" : ", alerting " + String.join(", ", alerts.targetNames())));

        CompletableFuture<Void> end = CompletableFuture.allOf(links.stream().map(NodeLink::terminated)
                .toArray(CompletableFuture[]::new));
        if (duration != null) {
            end.completeOnTimeout(null, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        end.join();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
            return 0; // interrupted: the hook is already closing the links and the store
        }
        stop(links, cameras, alerts, group, storage);
        return 0;
    }

    private void startLinks(EventLoopGroup group, NodeLink.Listener listener, List<NodeLink> links) {
        LivenessProbes liveness = probes.over(LivenessProbes.DEFAULTS);
        for (String node : nodes) {
            NodeAddress address = NodeAddress.parse(node);
            links.add(new NodeLink(address, group, liveness.linkSettings(address).withReconnect(!once), listener).start());
        }
    }

    /**
     * The store. A shared one that is down at the start does not stop the recording: the nodes'
     * incidents wait in the spool ({@link StoreWait}) and link states go to stderr until it opens.
     * Null when the recording ended (its duration, or every node gone with --once) before the store
     * came back.
     */
    private Storage open(EventLoopGroup group, Relay relay, List<NodeLink> links, long deadline) throws InterruptedException {
        try {
            return data.open();
        } catch (SharedStoreUnreachableException down) {
            if (!down.outage()) {
                throw down;
            }
            StoreWait wait = new StoreWait(data.directory(), data.shared());
            System.err.println("vigil record: " + down.getMessage() + "; recording node incidents into the spool in "
                    + data.directory() + " until it is back");
            relay.to = new NodeLink.Listener() {
                @Override
                public void onMessage(NodeLink link, NodeMessage message) {
                    wait.onMessage(link, message);
                }

                @Override
                public void onStateChange(NodeLink link, LinkState state) {
                    System.err.println("[" + link.address() + "] " + state);
                }
            };
            startLinks(group, relay, links);
            while (true) {
                Thread.sleep(Math.max(0, Math.min(StoreWait.RETRY.toNanos(), deadline - System.nanoTime()) / 1_000_000));
                if (System.nanoTime() >= deadline || links.stream().allMatch(link -> link.terminated().isDone())) {
                    links.forEach(NodeLink::close);
                    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
                    wait.giveUp();
                    System.err.println("vigil record: stopped with " + wait.waiting() + " incidents in the spool, for the next start");
                    return null;
                }
                Optional<Storage> opened = wait.tryOpen();
                if (opened.isPresent()) {
                    System.err.println("vigil record: the shared store is back; forwarding " + wait.waiting() + " spooled incidents first");
                    return opened.get();
                }
            }
        }
    }

    /**
     * Closes the links and cameras first, then lets the store finish every write it was given, so
     * that the alerts hear of the last; then the alerts, whose deliveries the store logs; then the store.
     */
    private static void stop(List<NodeLink> links, Cameras cameras, Alerts alerts, EventLoopGroup group, Storage storage) {
        links.forEach(NodeLink::close);
        cameras.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        storage.settle(Duration.ofSeconds(5));
        alerts.close();
        storage.close();
    }

    /** One line per clip, printed once it is durable and linked, or recorded as missing. */
    private static void report(EvidenceClips.Report report) {
        Clip clip = report.clip();
        if (clip.missing() != null) {
            System.err.println("vigil record: no clip of incident " + clip.incidentId() + " from " + clip.camera() + ": " + clip.missing());
            return;
        }
        System.out.println("clip of incident " + clip.incidentId() + " from " + clip.camera() + ": " + clip.fileName() + ", "
                + ByteSize.format(clip.bytes()) + ", " + clip.firstFrame() + " to " + clip.lastFrame());
        if (report.overQuota()) {
            System.err.println("vigil record: clip storage is over its cap (" + ByteSize.format(report.usage().usedBytes()) + " of "
                    + ByteSize.format(report.usage().capBytes()) + "): only open or held evidence is left; recording goes on");
        }
    }

    /** One line per incident, printed once it is on disk. */
    static String line(Incident incident, NodeNames names) {
        return "incident " + incident.id() + " " + incident.type() + " " + incident.objectClass() + " in "
                + incident.zone() + ", object " + incident.objectId() + " from " + names.withAddress(incident.node())
                + ", image " + incident.imageSha256();
    }
}
