package vigil.app.shell;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import vigil.app.console.ConsoleLauncher;
import vigil.app.console.ConsoleSettings;
import vigil.app.recording.StoreWait;
import vigil.protocol.link.LinkState;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.link.NodeLink;
import vigil.protocol.wire.NodeMessage;
import vigil.storage.SharedStore;
import vigil.storage.Storage;

/**
 * What the console shows when the shared store it is set to cannot be opened at its start: why, how
 * many of the nodes' incidents wait in the spool, and each node's link. Nobody can sign in (the
 * accounts are in the store), but nothing the nodes detect is lost ({@link StoreWait}). The store is
 * tried every {@link StoreWait#RETRY} on a thread of its own; once it opens, the window closes and
 * the console starts on it, the spool forwarded first. Closing the window stops the console and
 * leaves the spool for the next start.
 */
public final class StoreWaitWindow {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Stage stage = new Stage();
    private final StoreWait wait;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<NodeLink> links = new ArrayList<>();
    /** Each node's link as last heard, written by the event loop, read by the FX thread's refresh. */
    private final Map<NodeAddress, LinkState> states = new ConcurrentHashMap<>();
    private final CompletableFuture<Optional<Storage>> outcome = new CompletableFuture<>();
    private final Label waiting = new Label();
    private final Label nodes = new Label();
    private final Label tried = new Label();
    private volatile LocalTime lastTried = LocalTime.now();
    private final Thread trying = Thread.ofPlatform().name("vigil-store-wait").daemon().unstarted(this::tryUntilOpenOrClosed);

    private StoreWaitWindow(ConsoleSettings settings, Path directory, SharedStore shared, String why) {
        this.wait = new StoreWait(directory, shared);
        ConsoleWindow.useTheme(settings.theme());
        Label title = new Label("The shared store is unreachable: this desk keeps what the nodes detect");
        title.getStyleClass().add("lock-title");
        Label reason = new Label(why);
        reason.getStyleClass().addAll("lock-message", "danger");
        reason.setWrapText(true);
        waiting.setId("store-wait-incidents");
        waiting.getStyleClass().add("lock-handover");
        nodes.setId("store-wait-nodes");
        nodes.getStyleClass().add("lock-message");
        tried.getStyleClass().add("lock-message");
        Label signIn = new Label("Nobody can sign in until the store is back: the accounts are kept there."
                + " The console opens by itself then, and forwards what waited first. Closing this window keeps it for the next start.");
        signIn.getStyleClass().add("lock-message");
        signIn.setWrapText(true);
        VBox band = new VBox(14, title, reason, waiting, nodes, tried, signIn);
        band.getStyleClass().add("lock-screen");
        band.setPadding(new Insets(28, 36, 28, 36));
        band.setId("store-wait");
        Scene scene = new Scene(band, 960, 340);
        scene.getStylesheets().add(ConsoleWindow.STYLESHEET);
        stage.setScene(scene);
        stage.setTitle("Vigil — waiting for the shared store");
        for (NodeAddress address : settings.nodes()) {
            states.put(address, LinkState.connecting(null));
            links.add(new NodeLink(address, group, settings.probes().linkSettings(address), new NodeLink.Listener() {
                @Override
                public void onMessage(NodeLink link, NodeMessage message) {
                    wait.onMessage(link, message);
                }

                @Override
                public void onStateChange(NodeLink link, LinkState state) {
                    states.put(link.address(), state);
                }
            }));
        }
        refresh();
        Timeline refreshing = new Timeline(new KeyFrame(Duration.millis(500), e -> refresh())); // coalesced: newest wins
        refreshing.setCycleCount(Timeline.INDEFINITE);
        refreshing.play();
        stage.setOnHidden(e -> {
            refreshing.stop();
            if (outcome.complete(Optional.empty())) { // closed by the operator (a store that opened completed it first)
                trying.interrupt();
            }
        });
    }

    /**
     * Shows the window and waits, off the FX thread, until the store opens (its {@link Storage}) or
     * the window is closed (empty). A refusal that waiting will not mend (a wrong password) fails
     * it. The links and the window are gone when it completes. {@code exitAfterSeconds} (or null)
     * and {@code screenshot} (or null) serve {@code vigil --exit-after … --screenshot …} as the
     * console does: the window's picture is written, and it closes.
     */
    public static CompletableFuture<Optional<Storage>> show(ConsoleSettings settings, Path directory, SharedStore shared, String why,
                                                            Double exitAfterSeconds, Path screenshot) {
        CompletableFuture<StoreWaitWindow> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                StoreWaitWindow window = new StoreWaitWindow(settings, directory, shared, why);
                window.stage.show();
                if (exitAfterSeconds != null) {
                    PauseTransition pause = new PauseTransition(Duration.seconds(exitAfterSeconds));
                    pause.setOnFinished(e -> {
                        if (screenshot != null) {
                            ConsoleLauncher.writePng(window.stage.getScene(), screenshot);
                        }
                        System.out.println("vigil: waiting for the shared store; " + window.waiting.getText().toLowerCase(Locale.ROOT));
                        window.stage.hide();
                    });
                    pause.play();
                }
                shown.complete(window);
            } catch (RuntimeException | Error e) {
                shown.completeExceptionally(e);
            }
        });
        return shown.thenCompose(StoreWaitWindow::start);
    }

    private CompletableFuture<Optional<Storage>> start() {
        links.forEach(NodeLink::start);
        trying.start();
        return outcome;
    }

    /** On its own thread: tries the store until it opens, the window closes (an interrupt) or the store refuses for good. */
    private void tryUntilOpenOrClosed() {
        try {
            while (true) {
                Thread.sleep(StoreWait.RETRY.toMillis());
                Optional<Storage> opened = wait.tryOpen();
                lastTried = LocalTime.now();
                if (opened.isPresent()) {
                    closeLinks();
                    if (outcome.complete(opened)) {
                        Platform.runLater(stage::hide);
                    } else {
                        opened.get().close(); // closed meanwhile: the store forwards the spool at the next start
                    }
                    return;
                }
            }
        } catch (InterruptedException closed) {
            closeLinks();
            wait.giveUp();
        } catch (RuntimeException refused) {
            closeLinks();
            wait.giveUp();
            outcome.completeExceptionally(refused);
            Platform.runLater(stage::hide);
        }
    }

    private void closeLinks() {
        links.forEach(NodeLink::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void refresh() {
        int count = wait.waiting();
        waiting.setText(count == 0 ? "No incident waiting yet" : count == 1 ? "1 incident waiting in the spool"
                : count + " incidents waiting in the spool");
        nodes.setText(states.isEmpty() ? "No node is configured." : states.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(NodeAddress::toString)))
                .map(node -> node.getKey() + "  " + node.getValue()).collect(Collectors.joining("\n")));
        tried.setText("Tried again every " + StoreWait.RETRY.toSeconds() + " s; last at " + CLOCK.format(lastTried) + ".");
    }
}
