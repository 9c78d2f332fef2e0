package vigil.app.cli;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.protocol.codec.CommandParser;
import vigil.protocol.codec.InvalidCommandException;
import vigil.protocol.codec.TrafficCounters;
import vigil.protocol.link.LinkSettings;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.NodeMessage;

/**
 * {@code vigil tap}: connects to a node and prints every decoded message as a line of JSON on
 * stdout; link states, command outcomes and counters go to stderr.
 */
@Command(name = "tap", mixinStandardHelpOptions = true,
        description = "Print a node's messages, one JSON object per line; link states and counters go to stderr.")
public final class TapCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HOST:PORT", description = "The node (port 5100 if omitted).")
    String node;

    @Option(names = "--once", description = "Do not reconnect: exit 0 when the node closes the connection.")
    boolean once;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Exit after this many seconds.")
    Double duration;

    @Option(names = "--send", paramLabel = "CMD",
            description = "A command to send (e.g. AC_AC, 'AC_UA:1,2,2,2,3,3,2,2', MC_OD:17512641742901); repeatable, sent one at a time.")
    List<String> commands = new ArrayList<>();

    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        NodeAddress address = NodeAddress.parse(node);
        List<vigil.protocol.wire.Command<?>> parsed = new ArrayList<>();
        for (String text : commands) {
            try {
                parsed.add(CommandParser.parse(text));
            } catch (InvalidCommandException e) {
                System.err.println("vigil tap: not sent: " + e.getMessage());
                return 2;
            }
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            return tap(address, group, parsed);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private int tap(NodeAddress address, EventLoopGroup group, List<vigil.protocol.wire.Command<?>> parsed) {
        AtomicBoolean wasOnline = new AtomicBoolean();
        NodeLink link = new NodeLink(address, group, LinkSettings.defaults().withReconnect(!once), new NodeLink.Listener() {
            @Override
            public void onMessage(NodeLink link, NodeMessage message) {
                out.println(MessageJson.toJson(message));
                out.flush();
            }

            @Override
            public void onStateChange(NodeLink link, LinkState state) {
                if (state.isOnline()) {
                    wasOnline.set(true);
                }
                System.err.println("[" + address + "] " + state);
            }
        });
        Thread countersOnInterrupt = new Thread(() -> printCounters(address, link.counters()), "vigil-tap-counters");
        Runtime.getRuntime().addShutdownHook(countersOnInterrupt);
        link.start();
        for (var command : parsed) {
            link.send(command).whenComplete((reply, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    System.err.println("[" + address + "] " + command.text() + ": " + cause.getMessage());
                }
            });
        }
        CompletableFuture<Void> end = link.terminated().copy();
        if (duration != null) {
            end.completeOnTimeout(null, Math.round(duration * 1000), TimeUnit.MILLISECONDS);
        }
        end.join();
        link.close();
        link.terminated().join();
        Runtime.getRuntime().removeShutdownHook(countersOnInterrupt);
        printCounters(address, link.counters());
        return once && !wasOnline.get() ? 1 : 0;
    }

    private static void printCounters(NodeAddress address, TrafficCounters counters) {
        TrafficCounters.Snapshot snapshot = counters.snapshot();
        String messages = snapshot.messages().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
        String failures = snapshot.failures().entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
        System.err.printf("[%s] %d bytes; messages: %s; failures: %s; skipped %d bytes; unsolicited replies %d%n",
                address, snapshot.bytes(), messages.isEmpty() ? "none" : messages,
                failures.isEmpty() ? "none" : failures, snapshot.skippedBytes(), snapshot.unsolicitedReplies());
    }
}
