package vigil.app.recording;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.InvalidMessage;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.RunwayStateChanged;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/**
 * The path from a node's link to the store, shared by {@code vigil record} and the console: every
 * first detection becomes an incident; bird-risk and runway changes, link ups and downs, and
 * decoder failures (at most one per link every {@link #FAILURE_INTERVAL}, with a count of the
 * rest) become site events. Listens on the links' event loops and only hands work to the store's
 * writer, so it never holds up a socket.
 */
public final class Recorder implements NodeLink.Listener {
    static final Duration FAILURE_INTERVAL = Duration.ofSeconds(10);

    private final Storage storage;
    private final BiFunction<NodeAddress, Area, List<String>> clipCameras;
    private final Consumer<NewIncident> recorded;
    private final Consumer<Throwable> failed;
    private final Map<NodeAddress, FailureWindow> failures = new ConcurrentHashMap<>();
    private final Map<NodeAddress, LinkState.Status> lastStatus = new ConcurrentHashMap<>();

    /**
     * {@code clipCameras} names the cameras that owe an incident from a node in a zone a clip (noted in the
     * incident's own transaction); {@code recorded} hears of each new incident once it is on disk
     * (on the store's writer thread); {@code failed} of each write that failed.
     */
    public Recorder(Storage storage, BiFunction<NodeAddress, Area, List<String>> clipCameras, Consumer<NewIncident> recorded, Consumer<Throwable> failed) {
        this.storage = storage;
        this.clipCameras = clipCameras;
        this.recorded = recorded;
        this.failed = failed;
    }

    @Override
    public void onMessage(NodeLink link, NodeMessage message) {
        NodeAddress node = link.address();
        Instant now = Instant.now();
        switch (message) {
            case FirstDetection detection -> storage.incidents().record(node, detection, now, clipCameras.apply(node, detection.area()))
                    .whenComplete((result, error) -> {
                if (error != null) {
                    failed.accept(error);
                } else if (result.isNew()) {
                    recorded.accept(new NewIncident(result.incident(), detection.image()));
                }
            });
            case BirdRiskChanged change -> siteEvent(node, SiteEvent.Kind.BIRD_RISK, change.risk().name(),
                    "bird risk " + change.risk(), now);
            case RunwayStateChanged change -> siteEvent(node, SiteEvent.Kind.RUNWAY, change.state().name(),
                    "runway " + change.runway() + " " + change.state(), now);
            case InvalidMessage invalid -> decoderFailure(node, invalid, now);
            default -> {
            }
        }
    }

    @Override
    public void onStateChange(NodeLink link, LinkState state) {
        LinkState.Status previous = lastStatus.put(link.address(), state.status());
        if (state.isOnline()) {
            siteEvent(link.address(), SiteEvent.Kind.LINK_UP, state.status().name(), "link up", state.since());
        } else if (previous == LinkState.Status.ONLINE) {
            siteEvent(link.address(), SiteEvent.Kind.LINK_DOWN, state.status().name(),
                    "link down: " + (state.lastError() == null ? "closed" : state.lastError()), state.since());
        }
    }

    private void decoderFailure(NodeAddress node, InvalidMessage invalid, Instant now) {
        FailureWindow window = failures.computeIfAbsent(node, address -> new FailureWindow());
        int suppressed = window.admit(now);
        if (suppressed >= 0) {
            siteEvent(node, SiteEvent.Kind.DECODER_FAILURE, null, invalid.reason()
                    + (suppressed > 0 ? " (and " + suppressed + " more since the last one logged)" : ""), now);
        }
    }

    private void siteEvent(NodeAddress node, SiteEvent.Kind kind, String state, String detail, Instant at) {
        storage.siteEvents().record(SiteEvent.ofNode(node, kind, state, detail, at)).exceptionally(error -> {
            failed.accept(error);
            return null;
        });
    }

    /** Lets one failure through per interval; counts the others. Used from one link's event loop. */
    private static final class FailureWindow {
        private Instant lastLogged;
        private int suppressed;

        /** How many were held back before this one, or -1 if this one is held back too. */
        synchronized int admit(Instant now) {
            if (lastLogged != null && Duration.between(lastLogged, now).compareTo(FAILURE_INTERVAL) < 0) {
                suppressed++;
                return -1;
            }
            int held = suppressed;
            lastLogged = now;
            suppressed = 0;
            return held;
        }
    }
}
