package vigil.protocol.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.NodeMessage;

/** A link listener that keeps everything it is told, for tests to wait on and inspect. */
public final class Recorder implements NodeLink.Listener {
    private final List<NodeMessage> messages = new ArrayList<>();
    private final List<LinkState> states = new ArrayList<>();

    @Override
    public synchronized void onMessage(NodeLink link, NodeMessage message) {
        messages.add(message);
    }

    @Override
    public synchronized void onStateChange(NodeLink link, LinkState state) {
        states.add(state);
    }

    public synchronized List<NodeMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized <T extends NodeMessage> List<T> messages(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized List<LinkState.Status> states() {
        return states.stream().map(LinkState::status).toList();
    }

    /** The states with their errors and times. */
    public synchronized List<LinkState> linkStates() {
        return List.copyOf(states);
    }

    /** Waits until some message matches, and returns it. */
    public <T extends NodeMessage> T awaitMessage(Class<T> type, Predicate<T> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (T message : messages(type)) {
                if (matching.test(message)) {
                    return message;
                }
            }
            sleep();
        }
        return fail("no " + type.getSimpleName() + " as expected within " + timeout);
    }

    public static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout + " for " + what);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
