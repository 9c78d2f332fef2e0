package vigil.protocol.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.net.ExtendedSocketOptions;
import vigil.protocol.codec.CommandEncoder;
import vigil.protocol.codec.NodeMessageDecoder;
import vigil.protocol.codec.TrafficCounters;
import vigil.protocol.wire.Command;
import vigil.protocol.wire.CommandRejected;
import vigil.protocol.wire.ErrorReply;
import vigil.protocol.wire.GetAuthorityLevels;
import vigil.protocol.wire.NodeMessage;
import vigil.protocol.wire.Reply;

/**
 * A console's link to one node: it connects, keeps reconnecting while the node is away, hands every
 * decoded message to its {@link Listener}, and carries commands to the node.
 *
 * <p><b>Commands</b> wait in a FIFO queue and go out one at a time, each in a write of its own,
 * because the reference node takes two commands that arrive in one read as one malformed command.
 * The next one leaves only when the outstanding one is answered (a reply of its type, and of its
 * object for {@code MC_OD}), timed out, or lost with the connection. A node broadcasts replies to
 * every console, so replies that answer nothing of ours are counted and otherwise ignored; they
 * still reach the listener. Commands queued while the node is away are sent after reconnection.
 *
 * <p><b>A dead node is noticed.</b> TCP keep-alive probes an idle connection after
 * {@value #KEEP_ALIVE_IDLE_SECONDS} s, every {@value #KEEP_ALIVE_INTERVAL_SECONDS} s, and gives up
 * after {@value #KEEP_ALIVE_PROBES} unanswered probes, so a host that vanished (a power cut, a NAT
 * that forgot the connection) is found in about a minute rather than the system's two hours. A node
 * process that hangs while its kernel still answers is found by the liveness probe
 * ({@link LinkSettings#probeAfter()}): {@code AC_AC} in the normal command queue after a silence,
 * and a reconnection when it goes unanswered.
 *
 * <p><b>Threads</b>: everything mutable here belongs to one event loop. The listener is called on
 * it, and the futures complete on it: do not block in either.
 */
public final class NodeLink implements AutoCloseable {

    /** Receives a link's messages and state changes, on the link's event loop. */
    public interface Listener {
        void onMessage(NodeLink link, NodeMessage message);

        default void onStateChange(NodeLink link, LinkState state) {
        }
    }

    private record Pending(Command<?> command, CompletableFuture<Reply> reply) {
    }

    static final int KEEP_ALIVE_IDLE_SECONDS = 30;
    static final int KEEP_ALIVE_INTERVAL_SECONDS = 10;
    static final int KEEP_ALIVE_PROBES = 3;

    private final NodeAddress address;
    private final LinkSettings settings;
    private final Listener listener;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final TrafficCounters counters = new TrafficCounters();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    // Owned by the event loop.
    private final Queue<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private ScheduledFuture<?> replyTimeout;
    private ScheduledFuture<?> reconnection;
    private ScheduledFuture<?> proving;
    private Channel channel;
    private Pending probe;
    private int failedAttempts;
    private boolean closed;
    private volatile LinkState state = LinkState.offline(null);

    public NodeLink(NodeAddress address, EventLoopGroup group, LinkSettings settings, Listener listener) {
        this.address = address;
        this.settings = settings;
        this.listener = listener;
        this.loop = group.next();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), KEEP_ALIVE_IDLE_SECONDS)
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), KEEP_ALIVE_INTERVAL_SECONDS)
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), KEEP_ALIVE_PROBES)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (settings.probes()) {
                            ch.pipeline().addLast(new IdleStateHandler(settings.probeAfter().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast(new NodeMessageDecoder(counters, settings.maxLineLength(),
                                NodeMessageDecoder.DEFAULT_MAX_HISTORY_LINE_LENGTH, NodeMessageDecoder.DEFAULT_MAX_IMAGE_SIZE),
                                new CommandEncoder(), new Handler());
                    }
                });
    }

    public NodeAddress address() {
        return address;
    }

    public LinkState state() {
        return state;
    }

    public TrafficCounters counters() {
        return counters;
    }

    /** Completes when the link has stopped for good: closed, or its one connection ended without reconnection. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Starts connecting; the link then keeps itself up until closed. */
    public NodeLink start() {
        loop.execute(this::connect);
        return this;
    }

    /**
     * Queues a command. The future completes with the node's successful reply, or fails with a
     * {@link CommandFailedException} (the node's error reply), a {@link TimeoutException}, or a
     * {@link LinkClosedException}.
     */
    public <R extends Reply> CompletableFuture<R> send(Command<R> command) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        loop.execute(() -> enqueue(new Pending(command, reply)));
        @SuppressWarnings("unchecked") // completed only with a reply that answers the command: an R
        CompletableFuture<R> typed = (CompletableFuture<R>) (CompletableFuture<?>) reply;
        return typed;
    }

    @Override
    public void close() {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            closed = true;
            if (reconnection != null) {
                reconnection.cancel(false);
            }
            failAll(new LinkClosedException("the link to " + address + " was closed"));
            if (channel != null) {
                channel.close();
            }
            setState(LinkState.offline("closed"));
            terminated.complete(null);
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        setState(LinkState.connecting(state.lastError()));
        InetSocketAddress target = new InetSocketAddress(address.host(), address.port());
        bootstrap.connect(target).addListener((ChannelFuture connection) -> {
            if (!connection.isSuccess()) {
                connectionEnded("cannot connect to " + address + ": " + describe(connection.cause()));
            }
        });
    }

    private void connectionEnded(String reason) {
        channel = null;
        if (proving != null) {
            proving.cancel(false);
            proving = null;
        }
        if (inFlight != null) {
            Pending lost = inFlight;
            clearInFlight();
            lost.reply().completeExceptionally(
                    new LinkClosedException("the connection to " + address + " was lost with " + lost.command().type() + " in flight"));
        }
        if (closed) {
            return;
        }
        setState(LinkState.offline(reason));
        if (!settings.reconnect()) {
            closed = true;
            failAll(new LinkClosedException("the link to " + address + " ended: " + reason));
            terminated.complete(null);
            return;
        }
        Duration delay = settings.backoff(failedAttempts++, ThreadLocalRandom.current().nextDouble());
        reconnection = loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void enqueue(Pending pending) {
        if (closed) {
            pending.reply().completeExceptionally(new LinkClosedException("the link to " + address + " is closed"));
        } else if (queue.size() >= settings.maxQueuedCommands()) {
            pending.reply().completeExceptionally(new IllegalStateException(
                    settings.maxQueuedCommands() + " commands are already waiting for " + address));
        } else {
            queue.add(pending);
            sendNext();
        }
    }

    private void sendNext() {
        if (inFlight != null || channel == null || !channel.isActive()) {
            return;
        }
        Pending next;
        do {
            next = queue.poll();
        } while (next != null && next.reply().isDone()); // cancelled by its caller
        if (next == null) {
            return;
        }
        Pending sent = next;
        inFlight = sent;
        long timeout = settings.replyTimeout().toMillis();
        replyTimeout = loop.schedule(() -> timedOut(sent), timeout, TimeUnit.MILLISECONDS);
        channel.writeAndFlush(sent.command());
    }

    private void timedOut(Pending pending) {
        if (inFlight != pending) {
            return;
        }
        clearInFlight();
        boolean probeUnanswered = pending == probe;
        pending.reply().completeExceptionally(new TimeoutException(
                address + " did not answer " + pending.command().type() + " within " + settings.replyTimeout().toMillis() + " ms"));
        if (probeUnanswered && channel != null) {
            channel.pipeline().fireExceptionCaught(new UnresponsiveNodeException("unresponsive: silent for "
                    + readable(settings.probeAfter()) + ", and no answer to AC_AC within " + readable(settings.replyTimeout())));
            return;
        }
        sendNext();
    }

    /** Asks a silent node whether it is still there, unless a probe is already on its way. */
    private void probe() {
        if (probe != null || closed) {
            return;
        }
        Pending asked = new Pending(new GetAuthorityLevels(), new CompletableFuture<>());
        probe = asked;
        asked.reply().whenComplete((reply, error) -> {
            if (probe == asked) {
                probe = null;
            }
        });
        enqueue(asked);
    }

    /** A connection that delivered or stayed up has proved itself: the next failure backs off from the bottom. */
    private void connectionProved() {
        failedAttempts = 0;
        if (proving != null) {
            proving.cancel(false);
            proving = null;
        }
    }

    private void received(NodeMessage message) {
        if (failedAttempts != 0) {
            connectionProved();
        }
        if (message instanceof Reply reply) {
            Pending pending = inFlight;
            if (pending != null && pending.command().isAnsweredBy(reply)) {
                clearInFlight();
                complete(pending, reply);
                sendNext();
            } else {
                counters.countUnsolicitedReply();
            }
        }
        listener.onMessage(this, message);
    }

    private static void complete(Pending pending, Reply reply) {
        if (reply instanceof ErrorReply || reply instanceof CommandRejected) {
            pending.reply().completeExceptionally(new CommandFailedException(pending.command(), reply));
        } else {
            pending.reply().complete(reply);
        }
    }

    private void clearInFlight() {
        inFlight = null;
        if (replyTimeout != null) {
            replyTimeout.cancel(false);
            replyTimeout = null;
        }
    }

    private void failAll(Exception cause) {
        if (inFlight != null) {
            Pending lost = inFlight;
            clearInFlight();
            lost.reply().completeExceptionally(cause);
        }
        for (Pending pending; (pending = queue.poll()) != null; ) {
            pending.reply().completeExceptionally(cause);
        }
    }

    private void setState(LinkState next) {
        state = next;
        listener.onStateChange(this, next);
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** For tests: an option of the current connection's socket, read on the event loop. */
    <T> T socketOption(ChannelOption<T> option) throws Exception {
        return loop.submit(() -> channel == null ? null : channel.config().getOption(option)).get();
    }

    private static final class UnresponsiveNodeException extends IOException {
        UnresponsiveNodeException(String message) {
            super(message);
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<NodeMessage> {
        private String error;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (closed) {
                ctx.close();
                return;
            }
            channel = ctx.channel();
            proving = loop.schedule(NodeLink.this::connectionProved, settings.stableAfter().toMillis(), TimeUnit.MILLISECONDS);
            setState(LinkState.online());
            sendNext();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, NodeMessage message) {
            received(message);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                probe();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            error = describe(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            super.channelInactive(ctx);
            connectionEnded(error != null ? error : "the node closed the connection");
        }
    }
}
