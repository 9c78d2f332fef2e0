package vigil.protocol.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import vigil.protocol.codec.CommandParser;
import vigil.protocol.codec.InvalidCommandException;
import vigil.protocol.codec.NodeMessageEncoder;
import vigil.protocol.codec.NodeMessageWriter;
import vigil.protocol.wire.AuthorityLevel;
import vigil.protocol.wire.AuthorityLevels;
import vigil.protocol.wire.AuthorityUpdated;
import vigil.protocol.wire.BirdRisk;
import vigil.protocol.wire.BirdRiskChanged;
import vigil.protocol.wire.CameraStarted;
import vigil.protocol.wire.CameraStopped;
import vigil.protocol.wire.Command;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.Dialect;
import vigil.protocol.wire.DetectedObject;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.GetBirdRiskLog;
import vigil.protocol.wire.GetObjectDetail;
import vigil.protocol.wire.GetObjectImage;
import vigil.protocol.wire.GetObjectLog;
import vigil.protocol.wire.GetPilotRequestLog;
import vigil.protocol.wire.MessageType;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.protocol.wire.ObjectDetail;
import vigil.protocol.wire.ObjectImage;
import vigil.protocol.wire.ObjectSnapshot;
import vigil.protocol.wire.PilotRequestLog;
import vigil.protocol.wire.Reply;
import vigil.protocol.wire.Runway;
import vigil.protocol.wire.RunwayState;
import vigil.protocol.wire.RunwayStateChanged;
import vigil.protocol.wire.SetAuthorityLevels;
import vigil.protocol.wire.StartCamera;
import vigil.protocol.wire.StopCamera;

/**
 * A detection node that behaves as PROTOCOL.md §5 says a real one does, so that the console can be
 * developed, demonstrated and tested with no site at hand: a seeded scenario of objects on the
 * reference airport, {@code ME_OD} snapshots of the alarming ones only, one {@code ME_FD} with a
 * drawn crop per newly alarming object, runway and bird-risk changes, every command answered
 * (errors included) and broadcast to every console, camera frames over UDP, and its own history.
 *
 * <p>Like the reference node it takes each TCP read as one command, so a console that writes two
 * commands at once gets one error ({@link #mergedCommandReads()} counts them), and it drops a
 * console that does not keep up with its writes. With {@code quirks} it behaves like older or
 * sloppier nodes: {@code AH_} access replies, no newline after an {@code ME_FD}'s JPEG, each frame's
 * messages coalesced into one write, and positions off the map or unknown.
 *
 * <p>Threads: the scenario, the history and the command handling belong to one event loop; camera
 * frames are rendered on a thread of their own.
 */
public final class SimulatedNode implements AutoCloseable {

    /** How the simulated node runs; {@code udpTarget} null streams to the asking console's port 4100. */
    public record Settings(int port, InetSocketAddress udpTarget, long seed, double rateHz, int objects, boolean quirks) {
        public static final int DEFAULT_UDP_PORT = 4100;

        public static Settings defaults() {
            return new Settings(5100, null, 1, 25, 12, false);
        }

        public Settings withPort(int port) {
            return new Settings(port, udpTarget, seed, rateHz, objects, quirks);
        }

        public Settings withSeed(long seed) {
            return new Settings(port, udpTarget, seed, rateHz, objects, quirks);
        }

        public Settings withObjects(int objects) {
            return new Settings(port, udpTarget, seed, rateHz, objects, quirks);
        }

        public Settings withRate(double rateHz) {
            return new Settings(port, udpTarget, seed, rateHz, objects, quirks);
        }

        public Settings withQuirks(boolean quirks) {
            return new Settings(port, udpTarget, seed, rateHz, objects, quirks);
        }

        public Settings withUdpTarget(InetSocketAddress udpTarget) {
            return new Settings(port, udpTarget, seed, rateHz, objects, quirks);
        }
    }

    private static final long FIRST_DETECTION_DELAY_MILLIS = 3;
    private static final long RUNWAY_CLEAR_AFTER_MILLIS = 5_000;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final Settings settings;
    private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ChannelGroup consoles = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final NodeMessageWriter writer;
    private final Scenario scenario;
    private final NodeHistory history = new NodeHistory(ZoneId.systemDefault());
    private final CameraStreamer camera;
    private final Random random;
    private final List<String> commandReads = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong mergedCommandReads = new AtomicLong();
    private final AtomicLong firstDetectionsSent = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel server;

    // Written by the event loop only.
    private volatile List<AuthorityLevel> levels = Collections.nCopies(8, AuthorityLevel.AUTH_ONLY);
    private final RunwayState[] runwayStates = {RunwayState.CLEAR, RunwayState.CLEAR};
    private final long[] runwayLastOccupied = new long[2];
    private BirdRisk birdRisk = BirdRisk.LOW;
    private long simulatedMillis;
    private long nextBirdRiskChange;
    private long nextPilotRequest;
    private volatile List<DetectedObject> scene = List.of();
    private volatile Integer authorityUpdateError;
    private volatile boolean answering = true;

    private SimulatedNode(Settings settings) {
        this.settings = settings;
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        this.loop = group.next();
        this.writer = new NodeMessageWriter(!settings.quirks());
        this.random = new Random(settings.seed() ^ 0x5EED);
        this.scenario = new Scenario(settings.seed(), settings.objects(), settings.quirks(), System.currentTimeMillis());
        this.camera = new CameraStreamer(() -> scene);
        this.nextBirdRiskChange = nextDelay(20_000, 60_000);
        this.nextPilotRequest = nextDelay(15_000, 60_000);
    }

    /** Starts a node listening on the settings' port (0 picks a free one) and playing its scenario. */
    public static SimulatedNode start(Settings settings) throws InterruptedException {
        SimulatedNode node = new SimulatedNode(settings);
        try {
            node.bind();
        } catch (RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void bind() throws InterruptedException {
        server = new ServerBootstrap()
                .group(acceptor, group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new NodeMessageEncoder(writer), new CommandReader());
                        consoles.add(ch);
                    }
                })
                .bind(settings.port()).sync().channel();
        long period = Math.max(1, Math.round(1000 / settings.rateHz()));
        loop.scheduleAtFixedRate(() -> tick(period), period, period, TimeUnit.MILLISECONDS);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public Settings settings() {
        return settings;
    }

    /** Consoles connected now. */
    public int consoles() {
        return consoles.size();
    }

    /** Every read the node took as a command, as received, oldest first. */
    public List<String> commandReads() {
        synchronized (commandReads) {
            return List.copyOf(commandReads);
        }
    }

    /** Reads that held more than one command, which the node took as one malformed command. */
    public long mergedCommandReads() {
        return mergedCommandReads.get();
    }

    /** The zones' current levels. */
    public List<AuthorityLevel> authorityLevels() {
        return levels;
    }

    public long firstDetectionsSent() {
        return firstDetectionsSent.get();
    }

    /** Makes every {@code AC_UA} fail with {@code AR_UA:ERR,code} (4: storage error), or succeed again (null). */
    public void failAuthorityUpdates(Integer errorCode) {
        authorityUpdateError = errorCode;
    }

    /** Whether the node answers commands at all; a node that does not lets consoles time out. */
    public void answerCommands(boolean answer) {
        answering = answer;
    }

    /** Sends a message to every console, as if the node had; for tests of what consoles make of it. */
    public void broadcast(NodeMessage message) {
        loop.execute(() -> consoles.writeAndFlush(message));
    }

    /**
     * Stops the node: it hangs up on every console, including one whose connection was accepted a
     * moment ago and is still being handed to a worker loop. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        camera.close();
        if (server != null) {
            server.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        // Once the acceptor has stopped, every accepted connection has been handed to the workers;
        // their graceful shutdown registers what is pending and then closes every channel they own.
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        consoles.close().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(50, 1000, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void tick(long periodMillis) {
        simulatedMillis += periodMillis;
        Instant now = Instant.now();
        Scenario.Frame frame = scenario.tick(periodMillis / 1000.0, levels);
        scene = frame.everything();
        dropConsolesThatFallBehind();
        if (!frame.alarming().isEmpty()) {
            send(new ObjectSnapshot(frame.alarming()));
        }
        List<FirstDetection> detections = new ArrayList<>();
        for (Scenario.Announcement announcement : frame.announcements()) {
            detections.add(firstDetection(announcement, now));
        }
        if (!detections.isEmpty()) {
            if (settings.quirks()) {
                detections.forEach(this::send);
            } else { // a few milliseconds after the ME_OD that first lists the object
                loop.schedule(() -> detections.forEach(this::send), FIRST_DETECTION_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        updateRunway(Runway.A, frame.runwayAOccupied());
        updateRunway(Runway.B, frame.runwayBOccupied());
        updateBirdRisk(frame, now);
        answerPilots(now);
        if (settings.quirks()) {
            consoles.flush();
        }
    }

    private FirstDetection firstDetection(Scenario.Announcement announcement, Instant now) {
        DetectedObject object = announcement.object();
        boolean down = announcement.rescueLevel() != null && announcement.rescueLevel() > 0;
        var crop = CropRenderer.render(object.objectClass(), object.area(), down, object.id(), now);
        history.recordDetection(announcement.eventType(), object.id(), object.objectClass(), object.area(), now, crop);
        firstDetectionsSent.incrementAndGet();
        return new FirstDetection(announcement.eventType(), object.id(), object.objectClass(), object.x(), object.y(),
                object.area(), NodeTimestamp.of(now), announcement.rescueLevel(), crop);
    }

    /** Runway states go to WARNING as soon as anything is on the runway, back to CLEAR 5 s after it empties. */
    private void updateRunway(Runway runway, boolean occupied) {
        int i = runway.ordinal();
        RunwayState next = runwayStates[i];
        if (occupied) {
            runwayLastOccupied[i] = simulatedMillis;
            next = RunwayState.WARNING;
        } else if (simulatedMillis - runwayLastOccupied[i] >= RUNWAY_CLEAR_AFTER_MILLIS) {
            next = RunwayState.CLEAR;
        }
        if (next != runwayStates[i]) {
            runwayStates[i] = next;
            send(new RunwayStateChanged(runway, next));
        }
    }

    /** The risk drifts one step at a time, every 20–60 s, rising with the birds on the site. */
    private void updateBirdRisk(Scenario.Frame frame, Instant now) {
        if (simulatedMillis < nextBirdRiskChange) {
            return;
        }
        nextBirdRiskChange = simulatedMillis + nextDelay(20_000, 60_000);
        long birds = frame.everything().stream().filter(o -> o.objectClass() == ObjectClass.BIRD).count();
        boolean rise = random.nextDouble() < (birds >= 2 ? 0.7 : 0.35);
        int code = Math.clamp(birdRisk.code() + (rise ? -1 : 1), 1, 3);
        BirdRisk next = BirdRisk.fromCode(code);
        if (next != birdRisk) {
            birdRisk = next;
            history.recordBirdRisk(next, now);
            send(new BirdRiskChanged(next));
        }
    }

    /** Pilots ask the node now and then; the node answers from what it knows and logs both. */
    private void answerPilots(Instant now) {
        if (simulatedMillis < nextPilotRequest) {
            return;
        }
        nextPilotRequest = simulatedMillis + nextDelay(30_000, 90_000);
        var request = PilotRequestLog.Request.values()[random.nextInt(4)];
        boolean aClear = runwayStates[0] == RunwayState.CLEAR;
        boolean bClear = runwayStates[1] == RunwayState.CLEAR;
        var response = switch (request) {
            case BR_INQ -> PilotRequestLog.Response.values()[birdRisk.code() - 1];
            case RWY_A_STATUS -> aClear ? PilotRequestLog.Response.CLEAR : PilotRequestLog.Response.BLOCKED;
            case RWY_B_STATUS -> bClear ? PilotRequestLog.Response.CLEAR : PilotRequestLog.Response.BLOCKED;
            case RWY_AVAIL_INQ -> aClear && bClear ? PilotRequestLog.Response.ALL
                    : aClear ? PilotRequestLog.Response.A_ONLY
                    : bClear ? PilotRequestLog.Response.B_ONLY : PilotRequestLog.Response.NONE;
        };
        history.recordPilotRequest(request, response, now, now.plusMillis(random.nextInt(50, 400)));
    }

    private void dropConsolesThatFallBehind() {
        for (Channel console : consoles) {
            if (!console.isWritable()) {
                console.close();
            }
        }
    }

    private void send(NodeMessage message) {
        if (settings.quirks()) {
            consoles.write(message);
        } else {
            consoles.writeAndFlush(message);
        }
    }

    private long nextDelay(long min, long max) {
        return random.nextLong(min, max);
    }

    private void handleCommand(String read, Channel console) {
        commandReads.add(read);
        if (!answering) {
            return;
        }
        String text = read.endsWith("\r\n") ? read.substring(0, read.length() - 2)
                : read.endsWith("\n") ? read.substring(0, read.length() - 1) : read;
        if (text.indexOf('\n') >= 0) {
            mergedCommandReads.incrementAndGet();
        }
        Reply reply;
        try {
            reply = execute(CommandParser.parse(text), console);
        } catch (InvalidCommandException e) {
            reply = e.nodeReply();
        }
        if (reply != null) {
            consoles.writeAndFlush(inDialect(reply));
        }
    }

    private Reply execute(Command<?> command, Channel console) {
        return switch (command) {
            case GetAuthorityLevels get -> new AuthorityLevels(Dialect.AR, levels);
            case SetAuthorityLevels set -> {
                Integer error = authorityUpdateError;
                if (error != null) {
                    yield new ErrorReply(MessageType.AR_UA, Dialect.AR, error);
                }
                levels = set.levels();
                yield new AuthorityUpdated(Dialect.AR);
            }
            case StartCamera start -> startCamera(start, console);
            case StopCamera stop -> {
                camera.stop();
                yield new CameraStopped();
            }
            case GetObjectDetail get -> {
                ObjectDetail detail = history.detail(get.objectId());
                yield detail != null ? detail : new ErrorReply(MessageType.MR_OD, Dialect.AR, 3);
            }
            case GetObjectImage get -> {
                ObjectDetail detail = history.detail(get.objectId());
                yield detail != null ? new ObjectImage(detail.image()) : new ErrorReply(MessageType.LR_OI, Dialect.AR, 3);
            }
            case GetObjectLog get -> history.objectLog(get.from(), get.to());
            case GetBirdRiskLog get -> history.birdRiskLog(get.from(), get.to());
            case GetPilotRequestLog get -> history.pilotRequestLog(get.from(), get.to());
        };
    }

    private Reply startCamera(StartCamera start, Channel console) {
        InetSocketAddress target = settings.udpTarget() != null ? settings.udpTarget()
                : new InetSocketAddress(((InetSocketAddress) console.remoteAddress()).getAddress(), Settings.DEFAULT_UDP_PORT);
        try {
            camera.start(start.camera(), target);
            return new CameraStarted(start.camera());
        } catch (IOException e) {
            return new CommandRejected(MessageType.MR_ERROR, "camera unavailable: " + e.getMessage());
        }
    }

    /** Older nodes answer access commands in the {@code AH_} form of the design documents. */
    private Reply inDialect(Reply reply) {
        if (!settings.quirks()) {
            return reply;
        }
        return switch (reply) {
            case AuthorityLevels levels -> new AuthorityLevels(Dialect.AH, levels.levels());
            case AuthorityUpdated updated -> new AuthorityUpdated(Dialect.AH);
            case ErrorReply error when error.replyType() == MessageType.AR_UA -> new ErrorReply(MessageType.AR_UA, Dialect.AH, null);
            default -> reply;
        };
    }

    /** Takes each read as one command, as the reference node does (PROTOCOL.md §1). */
    private final class CommandReader extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf read) {
            String text = read.toString(StandardCharsets.UTF_8);
            Channel console = ctx.channel();
            loop.execute(() -> handleCommand(text, console));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

}
