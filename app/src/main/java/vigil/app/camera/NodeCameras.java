package vigil.app.camera;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import vigil.protocol.link.NodeLink;
import vigil.protocol.video.VideoFrame;
import vigil.protocol.video.VideoReceiver;
import vigil.protocol.wire.Camera;

/**
 * Every node's cameras A and B as wall cameras, fed from the console's UDP port. A frame says only
 * which camera it is, not which node sent it: a node streams one camera at a time for all consoles,
 * and the console asks for a camera only while a tile shows it, so a frame goes to the shown feeds
 * of its letter.
 */
public final class NodeCameras implements AutoCloseable {
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("node camera watchdog").daemon().factory());
    private final List<NodeCameraFeed> feeds = new ArrayList<>();
    private final VideoReceiver receiver;
    private final String failure;

    public NodeCameras(List<NodeLink> links, EventLoopGroup group, int videoPort) {
        for (NodeLink link : links) {
            for (Camera camera : Camera.values()) {
                feeds.add(new NodeCameraFeed(link, camera, watchdogs));
            }
        }
        VideoReceiver bound = null;
        String why = null;
        try {
            bound = VideoReceiver.bind(group, new InetSocketAddress(videoPort), this::route);
        } catch (Exception e) {
            why = "cannot listen on UDP port " + videoPort + ": " + e.getMessage();
        }
        receiver = bound;
        failure = why;
    }

    public List<NodeCameraFeed> feeds() {
        return List.copyOf(feeds);
    }

    /** Why node camera frames cannot be received, or null. */
    public String failure() {
        return failure;
    }

    private void route(VideoFrame frame) {
        for (NodeCameraFeed feed : feeds) {
            if (feed.camera() == frame.camera()) {
                feed.received(frame);
            }
        }
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
        feeds.forEach(NodeCameraFeed::close);
        watchdogs.shutdownNow();
    }
}
