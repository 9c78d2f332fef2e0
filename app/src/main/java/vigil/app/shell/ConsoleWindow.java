package vigil.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import vigil.app.alert.AlertPopups;
import vigil.app.alert.AlertSounds;
import vigil.app.alert.ActionsPage;
import vigil.app.alert.AlertsPage;
import vigil.app.alert.ChecklistPage;
import vigil.app.authority.AccessScreen;
import vigil.app.authority.AuthorityView;
import vigil.app.authority.AuthorityViewModel;
import vigil.app.camera.ByteSize;
import vigil.app.camera.CameraFeed;
import vigil.app.camera.CameraReader;
import vigil.app.camera.EvidenceClips;
import vigil.app.camera.NodeCameras;
import vigil.app.cameras.CameraAlarms;
import vigil.app.cameras.CameraViewsFile;
import vigil.app.cameras.CameraWallView;
import vigil.app.cameras.OperatorReports;
import vigil.app.cameras.CamerasPage;
import vigil.app.cameras.LivePictures;
import vigil.app.console.Console;
import vigil.app.console.ConsoleSettings;
import vigil.app.console.Tasks;
import vigil.app.incidents.IncidentBoard;
import vigil.app.live.LiveView;
import vigil.app.live.LiveViewModel;
import vigil.app.logs.LogsView;
import vigil.app.map.MapPalette;
import vigil.app.map.SitePlan;
import vigil.app.operators.Accounts;
import vigil.app.operators.Desk;
import vigil.app.operators.NotPermittedException;
import vigil.app.operators.SignIn;
import vigil.app.review.ReviewView;
import vigil.app.review.ReviewViewModel;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.Camera;
import vigil.storage.ChecklistStep;
import vigil.storage.Clip;
import vigil.storage.Incident;
import vigil.storage.OperatorAccount;
import vigil.storage.OperatorEvent;
import vigil.storage.Right;
import vigil.storage.SiteAction;
import vigil.storage.SiteCamera;
import vigil.storage.SiteEvent;

/**
 * The console's window: a header to switch screens, the screens, the pop-up layer and the status
 * bar, and the one frame loop that feeds them all: each frame it takes the newest node state and
 * the incidents recorded since the last frame, never one task per message.
 */
public final class ConsoleWindow {
    private final Console console;
    private final Stage stage;
    private final Path settingsFile;
    private final Consumer<ConsoleSettings> reconnect;
    private ConsoleSettings settings;
    private final Tasks tasks = Tasks.background();
    private final SitePlan site = SitePlan.reference();
    private final KeyBindings keys = new KeyBindings();
    private final IncidentBoard board;
    private final AlertSounds sounds = new AlertSounds();
    private final AlertPopups popups;
    private final StatusBar statusBar;
    private final LiveView live;
    private MapPalette palette;
    private final Map<Screen, ScreenView> screens = new EnumMap<>(Screen.class);
    private final Map<Screen, ToggleButton> tabs = new EnumMap<>(Screen.class);
    private final StackPane content = new StackPane();
    private final ToggleButton muteButton = new ToggleButton();
    private final Scene scene;
    private final AnimationTimer frames;
    private Screen screen = Screen.LIVE;
    private long lastStatusRefresh;
    private final NodeCameras nodeCameras;
    private final LivePictures livePictures;
    private final CameraAlarms cameraAlarms;
    private LongConsumer frameWork = nanos -> { };
    private final Desk desk;
    private final LockScreen lockScreen;
    private final MenuButton operatorMenu = new MenuButton();
    private final Label deskNotice = new Label();
    private final Button settingsButton = new Button("Settings");
    private final PauseTransition noticeFades = new PauseTransition(javafx.util.Duration.seconds(6));
    private long lastInputAt = System.currentTimeMillis();

    /**
     * {@code reconnect} restarts the console on new settings (the operator changed the nodes);
     * {@code signedIn} is who was signed in before a reconnection (null: the desk starts locked).
     */
    public ConsoleWindow(Stage stage, Console console, ConsoleSettings settings, Path settingsFile,
                         Consumer<ConsoleSettings> reconnect, OperatorAccount signedIn) {
        this.stage = stage;
        this.reconnect = reconnect;
        this.console = console;
        this.settings = settings;
        this.settingsFile = settingsFile;
        this.desk = new Desk(new Accounts(console.storage().operators(), console.storage().siteEvents()), console.storage().operators());
        if (signedIn != null) {
            desk.resume(signedIn);
        }
        this.board = new IncidentBoard(console.storage().incidents(), tasks, desk);
        this.nodeCameras = new NodeCameras(console.nodes().stream().map(Console.Node::link).toList(), console.eventLoops(),
                settings.videoPort());
        List<CameraFeed> feeds = new ArrayList<>(console.cameras().readers());
        feeds.addAll(nodeCameras.feeds());
        console.cameras().clips().add(nodeCameras.feeds()); // while one streams, its node's incidents get its clip
        this.livePictures = new LivePictures(feeds);
        this.popups = new AlertPopups(board, site, console.storage().nodeNames(), sounds, this::openIncident, livePictures,
                console.cameras().readers().stream().map(CameraReader::camera).toList(),
                console.storage().checklist().all().stream().collect(Collectors.groupingBy(ChecklistStep::type)));
        this.cameraAlarms = new CameraAlarms(console.cameras().readers(), Duration.ofSeconds(settings.cameraAlarmSeconds()), popups);
        popups.onCameraAlarmAcknowledged(alarm -> console.storage().siteEvents().record(SiteEvent.ofCamera(alarm.camera(),
                alarm.back() ? "LIVE" : "OFFLINE", "camera alarm acknowledged by " + desk.require(Right.ACT_ON_INCIDENTS), Instant.now())));
        this.lockScreen = new LockScreen(desk, tasks, this::signedIn, refused -> sounds.play(AlertSounds.Sound.VIOLATION));
        popups.onRefused(why -> refuse(desk.isLocked() ? "acting on a pop-up" : why));
        this.statusBar = new StatusBar(console.nodes(), console.cameras().readers(), console.storage());

        long expiryMillis = Math.round(settings.objectExpirySeconds() * 1000);
        live = new LiveView(new LiveViewModel(console.nodes(), tasks, expiryMillis), board, site, keys);
        live.map().setCameras(console.cameras().readers().stream().map(CameraReader::camera).toList());
        live.map().setOnContextMenuRequested(this::showZoneMenu);
        screens.put(Screen.LIVE, live);

        BorderPane root = new BorderPane();
        root.getStyleClass().add("console");
        root.setTop(header());
        VBox work = new VBox(lockScreen.node(), content);
        VBox.setVgrow(content, Priority.ALWAYS);
        HBox center = new HBox(work, popups.layer()); // the cards have a column of their own: they never cover the work
        HBox.setHgrow(work, Priority.ALWAYS);
        root.setCenter(center);
        root.setBottom(statusBar.node());
        scene = new Scene(root, 1440, 900);
        scene.getStylesheets().add(STYLESHEET);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (keys.dispatch(event, screen, scene.getFocusOwner())) {
                event.consume();
            }
        });
        countInput(stage);
        Window.getWindows().addListener((ListChangeListener<Window>) change -> { // a dialog's input is input at the desk too
            while (change.next()) {
                change.getAddedSubList().stream().filter(window -> window instanceof Stage owned && owned.getOwner() == stage)
                        .forEach(this::countInput);
            }
        });
        keys.gate(this::mayUse, shortcut -> refuse(shortcut.keys().getDisplayText() + " (" + shortcut.description().toLowerCase() + ")"));
        scene.addEventFilter(KeyEvent.KEY_TYPED, event -> { // "?" whatever the keyboard layout
            if ("?".equals(event.getCharacter()) && !(scene.getFocusOwner() instanceof TextInputControl)) {
                showCheatSheet();
                event.consume();
            }
        });
        bindGlobalKeys();
        applyTheme(settings.theme());
        sounds.setVolume(settings.volume());
        sounds.setMuted(settings.muted());
        updateSoundStatus();

        board.lastErrorProperty().addListener((o, old, error) -> {
            if (error != null && !error.isEmpty()) {
                statusBar.storageFailed(new IllegalStateException(error));
            }
        });
        board.load();
        show(Screen.LIVE);
        deskChanged(false);

        frames = new AnimationTimer() {
            @Override
            public void handle(long nanos) {
                long started = System.nanoTime();
                frame(System.currentTimeMillis());
                frameWork.accept(System.nanoTime() - started);
            }
        };
        stage.getIcons().add(new Image(ConsoleWindow.class.getResource("/vigil/assets/icons/vigil.png").toExternalForm()));
        stage.setTitle("Vigil — " + site.name() + (console.isSimulated() ? " (simulated node)" : ""));
        stage.setScene(scene);
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
    }

    public void start() {
        frames.start();
        stage.show();
    }

    public void stop() {
        frames.stop();
        sounds.close();
        screens.get(screen).hidden();
        console.cameras().clips().remove(nodeCameras.feeds());
        nodeCameras.close();
    }

    /** Hears how long each frame's work took on the FX thread, in nanoseconds (the UI benchmark). */
    public void onFrameWork(LongConsumer listener) {
        frameWork = listener;
    }

    /**
     * One line for scripts that run the console with {@code --exit-after} (CI's smoke test, the
     * start-up benchmark): when the map was first drawn (epoch ms, and after the JVM started), and
     * what the console shows.
     */
    public String summary() {
        long drawn = live.firstMapFrameAt();
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        return (drawn == 0 ? "map never drawn" : "map first drawn at " + drawn + " (" + (drawn - jvmStarted) + " ms after the JVM started)")
                + "; " + live.map().drawnObjects().size() + " objects on the map; " + board.open().size() + " open incidents";
    }

    /** C: the cameras that cover the zone of what the operator has selected, or of the newest pop-up, in the wall. */
    private boolean showCamerasOfFocusedZone() {
        Area zone = screens.get(screen).focusedZone();
        if (zone == null && !popups.showing().isEmpty()) {
            zone = popups.showing().getFirst().incident().zone();
        }
        if (zone == null) {
            return false;
        }
        showCamerasOf(zone);
        return true;
    }

    private void showCamerasOf(Area zone) {
        List<String> cameras = console.cameras().readers().stream().map(CameraReader::camera)
                .filter(camera -> camera.zones().contains(zone)).map(SiteCamera::name).toList();
        CameraWallView wall = (CameraWallView) screen(Screen.CAMERAS);
        wall.showCameras(cameras, "Cameras of " + site.label(zone));
        show(Screen.CAMERAS);
    }

    /** Shows the Cameras screen with the first node's {@code camera} alone. */
    public void showCamera(Camera camera) {
        CameraWallView wall = (CameraWallView) screen(Screen.CAMERAS);
        nodeCameras.feeds().stream().filter(feed -> feed.camera() == camera).findFirst()
                .ifPresent(feed -> wall.showAlone(feed.name()));
        show(Screen.CAMERAS);
    }

    public LivePictures livePictures() {
        return livePictures;
    }

    public Scene scene() {
        return scene;
    }

    public Screen screen() {
        return screen;
    }

    public IncidentBoard board() {
        return board;
    }

    public AlertPopups popups() {
        return popups;
    }

    /** Any key, click, move or scroll in {@code window} puts off the idle lock. */
    private void countInput(Window window) {
        for (var input : List.of(KeyEvent.ANY, MouseEvent.MOUSE_MOVED, MouseEvent.MOUSE_PRESSED, ScrollEvent.ANY)) {
            window.addEventFilter(input, event -> lastInputAt = System.currentTimeMillis());
        }
    }

    /** Who is at the desk, and what they may do. */
    public Desk desk() {
        return desk;
    }

    private void frame(long now) {
        board.arrived(console.takeNewIncidents());
        console.takeActedElsewhere().forEach(acted -> board.changed(acted.incident(), acted.action()));
        console.takeStorageFailures().forEach(statusBar::storageFailed);
        console.takeClipReports().forEach(this::clipReported);
        livePictures.pulse();
        screens.get(screen).pulse(now);
        popups.pulse(now);
        if (now - lastStatusRefresh >= 1_000) {
            statusBar.refresh(now);
            cameraAlarms.check(Instant.ofEpochMilli(now));
            lastStatusRefresh = now;
            if (!desk.isLocked() && now - lastInputAt >= settings.lockAfterSeconds() * 1000L) {
                lock(true);
            }
        }
    }

    public void show(Screen next) {
        if (desk.isLocked() && next != Screen.LIVE) {
            refuse("the " + next.title() + " screen");
            return;
        }
        ScreenView previous = screens.get(screen);
        if (previous != null && next != screen) {
            previous.hidden();
        }
        screen = next;
        ScreenView view = screen(next);
        content.getChildren().setAll(view.node());
        tabs.get(next).setSelected(true);
        popups.setCompact(next != Screen.LIVE);
        view.shown();
        content.requestFocus();
    }

    /** A screen's view, built the first time it is shown: the console starts faster with only the Live view. */
    private ScreenView screen(Screen which) {
        return screens.computeIfAbsent(which, this::build);
    }

    private ScreenView build(Screen which) {
        ScreenView view = switch (which) {
            case LIVE -> live;
            case INCIDENTS -> {
                ReviewView review = new ReviewView(new ReviewViewModel(console.storage(), board, tasks), site,
                        console.nodes().stream().map(Console.Node::address).toList(), keys);
                review.setOnBack(() -> show(Screen.LIVE));
                review.setOnStepAction(this::runStepAction);
                yield review;
            }
            case ACCESS -> new AccessScreen(console.nodes().stream().map(node -> new AuthorityView(
                    new AuthorityViewModel(node, console.storage().authority(), console.storage().nodeNames(), tasks, desk), site)).toList(), keys);
            case CAMERAS -> {
                OperatorReports reports = new OperatorReports(console.cameras().clips(), board, tasks);
                yield new CameraWallView(console.cameras().readers(), nodeCameras.feeds(), livePictures,
                        new CameraViewsFile(settingsFile.resolveSibling("camera-views.properties")), reports, nodeCameras.failure(), keys,
                        () -> show(Screen.LIVE));
            }
            case LOGS -> new LogsView(console.nodes(), console.storage(), console.alerts(), tasks, site, keys);
        };
        view.setPalette(palette);
        view.rightsChanged(desk);
        return view;
    }

    private void clipReported(EvidenceClips.Report report) {
        Clip clip = report.clip();
        if (clip.missing() != null) {
            statusBar.clipProblem("no clip of incident " + clip.incidentId() + " from " + clip.camera() + ": " + clip.missing());
        } else if (report.overQuota()) {
            statusBar.clipProblem("clip storage is over its cap (" + ByteSize.format(report.usage().usedBytes()) + " of "
                    + ByteSize.format(report.usage().capBytes()) + "): only open or held evidence is left; recording goes on");
        }
    }

    private void openIncident(Incident incident) {
        show(Screen.INCIDENTS);
        ((ReviewView) screen(Screen.INCIDENTS)).reveal(incident);
    }

    private Node header() {
        Label brand = new Label("VIGIL");
        brand.getStyleClass().add("brand");
        brand.setMinWidth(Region.USE_PREF_SIZE);
        ToggleGroup group = new ToggleGroup();
        HBox nav = new HBox(4);
        int digit = 1;
        for (Screen each : Screen.values()) {
            ToggleButton tab = new ToggleButton(each.title() + "  " + shortcutText(digit++));
            tab.setId("tab-" + each.name().toLowerCase());
            tab.setToggleGroup(group);
            tab.setFocusTraversable(false);
            tab.setMinWidth(Region.USE_PREF_SIZE); // a screen's name and key are never cut short
            tab.getStyleClass().add("screen-tab");
            tab.setOnAction(e -> show(each));
            tabs.put(each, tab);
            nav.getChildren().add(tab);
        }
        group.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one screen is always shown
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, brand, nav, spacer);
        if (console.isSimulated()) {
            Label badge = new Label("SIMULATED");
            badge.setTooltip(new Tooltip("No node is configured: the console runs its own simulated node (Settings adds real ones)."));
            badge.setMinWidth(Region.USE_PREF_SIZE);
            badge.setId("simulated-badge");
            badge.getStyleClass().add("simulated-badge");
            header.getChildren().add(badge);
        }
        muteButton.setId("mute");
        muteButton.setFocusTraversable(false);
        muteButton.setMinWidth(Region.USE_PREF_SIZE);
        muteButton.setOnAction(e -> {
            if (desk.isLocked()) {
                muteButton.setSelected(sounds.isMuted());
                refuse("muting the alarms");
            } else {
                setMuted(muteButton.isSelected());
            }
        });
        deskNotice.setId("desk-notice");
        deskNotice.getStyleClass().add("desk-notice");
        deskNotice.setWrapText(true); // the header is narrow: a notice takes two lines rather than losing its end
        noticeFades.setOnFinished(e -> deskNotice.setText(""));
        operatorMenu.setId("operator-badge");
        operatorMenu.getStyleClass().add("operator-badge");
        operatorMenu.setFocusTraversable(false);
        operatorMenu.setMinWidth(Region.USE_PREF_SIZE);
        MenuItem lockItem = new MenuItem("Lock");
        lockItem.setAccelerator(Shortcut.LOCK.keys());
        lockItem.setOnAction(e -> lock(false));
        MenuItem handOverItem = new MenuItem("Hand over…");
        handOverItem.setAccelerator(Shortcut.HAND_OVER.keys());
        handOverItem.setOnAction(e -> handOver());
        operatorMenu.getItems().setAll(lockItem, handOverItem);
        settingsButton.setId("settings");
        settingsButton.setFocusTraversable(false);
        settingsButton.setMinWidth(Region.USE_PREF_SIZE);
        settingsButton.setOnAction(e -> showSettings());
        Button help = new Button("?");
        help.setFocusTraversable(false);
        help.setOnAction(e -> showCheatSheet());
        header.getChildren().addAll(deskNotice, operatorMenu, muteButton, settingsButton, help);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));
        return header;
    }

    private static String shortcutText(int digit) {
        return (System.getProperty("os.name", "").startsWith("Mac") ? "⌘" : "Ctrl+") + digit;
    }

    private void bindGlobalKeys() {
        keys.on(Shortcut.SHOW_LIVE, () -> show(Screen.LIVE));
        keys.on(Shortcut.SHOW_INCIDENTS, () -> show(Screen.INCIDENTS));
        keys.on(Shortcut.SHOW_ACCESS, () -> show(Screen.ACCESS));
        keys.on(Shortcut.SHOW_CAMERAS, () -> show(Screen.CAMERAS));
        keys.on(Shortcut.SHOW_LOGS, () -> show(Screen.LOGS));
        keys.on(Shortcut.MUTE, () -> setMuted(!sounds.isMuted()));
        keys.on(Shortcut.SETTINGS, this::showSettings);
        keys.on(Shortcut.CHEAT_SHEET, this::showCheatSheet);
        keys.on(Shortcut.POPUP_OPEN, popups::openNewest);
        keys.on(Shortcut.POPUP_ACKNOWLEDGE, popups::acknowledgeNewest);
        keys.on(Shortcut.POPUP_DISMISS, popups::dismissNewest);
        keys.on(Shortcut.POPUP_NEXT_CAMERA, popups::nextCamera);
        keys.on(Shortcut.CAMERAS_OF_ZONE, this::showCamerasOfFocusedZone);
        keys.on(Shortcut.LOCK, () -> lock(false));
        keys.on(Shortcut.HAND_OVER, this::handOver);
        keys.on(Shortcut.SITE_ACTION, this::runSiteAction);
    }

    /** Ctrl+G: choose an action, confirm it, run it; what came of it is said beside the operator's name and sealed. */
    private void runSiteAction() {
        String refusal = desk.refusal(Right.RUN_SITE_ACTIONS);
        if (refusal != null) {
            refuse(refusal);
            return;
        }
        tasks.run(() -> console.storage().siteActions().list(), actions -> {
            if (actions.isEmpty()) {
                notice("No actions on the site yet (vigil actions add)");
                return;
            }
            ChoiceDialog<SiteAction> choice = new ChoiceDialog<>(actions.getFirst(), actions);
            choice.initOwner(stage);
            choice.setTitle("Site action");
            choice.setHeaderText("Which action on the site?");
            choice.showAndWait().filter(action -> !desk.isLocked()).ifPresent(this::confirmAndRun);
        }, error -> notice("Cannot read the site's actions: " + error.getMessage()));
    }

    private void confirmAndRun(SiteAction action) {
        if (confirmed("Run \"" + action.name() + "\" now?", action)) {
            run(action, null);
        }
    }

    /**
     * A zone's menu on the live map (a right click, or the menu key for the selected object's zone):
     * its cameras, and the site's actions, each run once confirmed. The actions are read off the FX
     * thread and fill the menu as they come.
     */
    private void showZoneMenu(ContextMenuEvent event) {
        Area zone = event.isKeyboardTrigger() ? live.focusedZone() : live.map().zoneAt(event.getX(), event.getY());
        ContextMenu menu = new ContextMenu();
        menu.setId("zone-menu");
        if (zone != null) {
            MenuItem cameras = new MenuItem("Cameras of " + site.label(zone));
            cameras.setOnAction(e -> showCamerasOf(zone));
            menu.getItems().addAll(cameras, new SeparatorMenuItem());
        }
        MenuItem loading = new MenuItem("Site actions…");
        loading.setDisable(true);
        menu.getItems().add(loading);
        String refusal = desk.refusal(Right.RUN_SITE_ACTIONS);
        tasks.run(() -> console.storage().siteActions().list(), actions -> {
            menu.getItems().remove(loading);
            for (SiteAction action : actions) {
                MenuItem item = new MenuItem("Run \u201c" + action.name() + "\u201d…");
                item.setDisable(refusal != null);
                item.setOnAction(e -> confirmAndRun(action));
                menu.getItems().add(item);
            }
            if (actions.isEmpty() || refusal != null) {
                MenuItem why = new MenuItem(actions.isEmpty() ? "No actions on the site yet" : refusal);
                why.setDisable(true);
                menu.getItems().add(why);
            }
        }, error -> loading.setText("Cannot read the site's actions: " + error.getMessage()));
        menu.show(live.map(), event.getScreenX(), event.getScreenY());
        event.consume();
    }

    /**
     * T on a checklist step that names a site action: once confirmed, the step is ticked and the action
     * run for the incident; a desk without the right to run it ticks the step and is told who may.
     */
    private void runStepAction(ChecklistStep step, Incident incident, Runnable tick) {
        tasks.run(() -> console.storage().siteActions().find(step.action()), action -> {
            if (action.isEmpty()) {
                tick.run();
                notice("Step " + step.position() + " ticked; its action \"" + step.action() + "\" is no longer on the site");
                return;
            }
            if (!confirmed("Step " + step.position() + ": " + step.text() + ". Run \"" + action.get().name() + "\" for incident "
                    + incident.id() + " now?", action.get())) {
                return;
            }
            tick.run();
            run(action.get(), incident.id());
        }, error -> notice("Cannot read the site's actions: " + error.getMessage()));
    }

    private boolean confirmed(String question, SiteAction action) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, action.toString(), ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(stage);
        confirm.setTitle("Run " + action.name());
        confirm.setHeaderText(question);
        return confirm.showAndWait().filter(ButtonType.OK::equals).filter(ok -> !desk.isLocked()).isPresent();
    }

    /** Runs a site action under the operator's name; what came of it is said beside the name and sealed. */
    private void run(SiteAction action, Long incidentId) {
        String operator;
        try {
            operator = desk.require(Right.RUN_SITE_ACTIONS);
        } catch (NotPermittedException refused) {
            refuse(refused.getMessage());
            return;
        }
        notice(action.name() + ": running…");
        tasks.whenDone(console.alerts().run(action, operator, incidentId),
                run -> notice(run.action() + (run.ok() ? ": done, " : ": FAILED, ") + run.outcome()),
                failure -> notice(action.name() + ": not recorded: " + failure.getMessage()));
    }

    /** While the desk is locked only looking is allowed: the map's selection, the pop-up's cameras, the cheat-sheet. */
    private boolean mayUse(Shortcut shortcut) {
        return !desk.isLocked() || LOOKING.contains(shortcut);
    }

    private static final java.util.Set<Shortcut> LOOKING = java.util.EnumSet.of(Shortcut.SHOW_LIVE, Shortcut.CHEAT_SHEET,
            Shortcut.POPUP_NEXT_CAMERA, Shortcut.LIVE_NEXT_OBJECT, Shortcut.LIVE_CLEAR_SELECTION, Shortcut.LIVE_OBJECT_DETAIL);

    /** Says why something was not done: on the lock band while locked, else beside the operator's name. */
    private void refuse(String what) {
        if (desk.isLocked()) {
            lockScreen.refused(what);
            lockScreen.focus();
        } else {
            notice(what);
        }
    }

    private void notice(String text) {
        deskNotice.setText(text);
        noticeFades.playFromStart();
    }

    /** Locks the desk: the Live screen, the lock band; watching, recording and sounding go on. */
    private void lock(boolean idle) {
        if (desk.isLocked()) {
            return;
        }
        desk.lock(idle);
        deskChanged(idle);
    }

    /** Signs in as if typed at the sign-in screen (at start, before the first screen is shown); a refusal is shown there. */
    public void signIn(String name, char[] password) {
        lockScreen.signIn(name, password);
    }

    /** Ends the shift: a note for the next operator, then the lock. */
    private void handOver() {
        if (desk.isLocked()) {
            refuse("handing over");
            return;
        }
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(stage);
        dialog.setTitle("Hand over");
        dialog.setHeaderText("Hand over the desk: a note for the next operator (open incidents, cameras down, anything to watch).");
        dialog.getEditor().setPrefColumnCount(48);
        dialog.showAndWait().filter(note -> !desk.isLocked()).ifPresent(note -> {
            desk.handOver(note);
            deskChanged(false);
        });
    }

    private void signedIn(SignIn.Accepted accepted) {
        lastInputAt = System.currentTimeMillis();
        deskChanged(false);
        OperatorEvent note = accepted.handover();
        if (note != null) {
            Alert shown = new Alert(Alert.AlertType.INFORMATION, note.detail() == null ? "(no note)" : note.detail(), ButtonType.OK);
            shown.initOwner(stage);
            shown.setTitle("Handover");
            shown.setHeaderText("Handover from " + note.operator());
            shown.show();
        }
    }

    /** Shows who is at the desk, and disables what they may not do, saying why. */
    private void deskChanged(boolean idle) {
        boolean locked = desk.isLocked();
        lockScreen.node().setVisible(locked);
        lockScreen.node().setManaged(locked);
        if (locked) {
            show(Screen.LIVE);
            lockScreen.show(idle);
        } else {
            content.requestFocus(); // the keys are the work's again
        }
        tabs.forEach((which, tab) -> tab.setDisable(locked && which != Screen.LIVE));
        operatorMenu.setText(desk.operator().map(operator -> operator.displayName() + " · " + operator.role().word()).orElse("Locked"));
        operatorMenu.setDisable(locked);
        explain(settingsButton, desk.refusal(Right.CHANGE_SETTINGS));
        screens.values().forEach(view -> view.rightsChanged(desk));
    }

    /** Disables a control that the desk may not use, its tooltip saying why. */
    private static void explain(Control control, String refusal) {
        control.setDisable(refusal != null);
        control.setTooltip(refusal == null ? null : new Tooltip(refusal));
    }

    private void setMuted(boolean muted) {
        sounds.setMuted(muted);
        updateSettings(settings.withSound(settings.volume(), muted));
        updateSoundStatus();
    }

    private void updateSoundStatus() {
        muteButton.setSelected(sounds.isMuted());
        muteButton.setText(sounds.isMuted() ? "Sound off  M" : "Sound on  M");
        if (sounds.unavailable() != null) {
            statusBar.sound("no audio device: alerts are silent", true);
        } else {
            statusBar.sound(sounds.isMuted() ? "sound muted" : "sound " + Math.round(settings.volume() * 100) + "%", sounds.isMuted());
        }
    }

    /** Vigil's own styles, over the theme's: every window of the console's takes them. */
    static final String STYLESHEET = ConsoleWindow.class.getResource("/vigil/assets/css/vigil.css").toExternalForm();

    /** Makes {@code theme} every window's (AtlantaFX's Primer, dark or light). */
    static void useTheme(ConsoleSettings.Theme theme) {
        Application.setUserAgentStylesheet(theme == ConsoleSettings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private void applyTheme(ConsoleSettings.Theme theme) {
        useTheme(theme);
        MapPalette palette = theme == ConsoleSettings.Theme.DARK ? MapPalette.DARK : MapPalette.LIGHT;
        this.palette = palette;
        screens.values().forEach(view -> view.setPalette(palette));
    }

    void updateSettings(ConsoleSettings changed) {
        settings = changed;
        try {
            changed.save(settingsFile);
        } catch (RuntimeException e) { // the console goes on with the new settings; the operator should know they are not kept
            ErrorDialog.show(stage, e);
        }
    }

    private void showCheatSheet() {
        Alert sheet = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        sheet.initOwner(stage);
        sheet.setTitle("Keyboard shortcuts");
        sheet.setHeaderText("Keyboard shortcuts — " + screen.title());
        ScrollPane scroll = new ScrollPane(CheatSheet.of(screen));
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(520);
        sheet.getDialogPane().setContent(scroll);
        sheet.show();
    }

    private void showSettings() {
        String refusal = desk.refusal(Right.CHANGE_SETTINGS);
        if (refusal != null) {
            refuse(refusal);
            return;
        }
        String operator = desk.require(Right.CHANGE_SETTINGS);
        CamerasPage cameras = new CamerasPage(console.storage().cameras(), tasks, operator);
        AlertsPage alerts = new AlertsPage(console.storage(), console.alerts(), settings.nodes(), tasks, operator);
        SettingsDialog dialog = new SettingsDialog(settings, console.storage().directory(), console.storage().location(),
                console.storage().nodeNames(), console.isSimulated(), cameras, alerts, new ActionsPage(console.storage(), tasks, operator),
                new ChecklistPage(console.storage(), tasks, operator));
        dialog.initOwner(stage);
        tasks.run(() -> console.storage().clips().usage(settings.clipQuotaBytes()), dialog::showClipUsage,
                unread -> dialog.clipUsageUnread(unread.getMessage()));
        Optional<ConsoleSettings> saved = dialog.showAndWait().filter(changed -> !desk.isLocked()); // locked meanwhile: nothing changes
        if (saved.isPresent()) {
            dialog.renames().forEach((node, name) -> tasks.whenDone(console.storage().nodeNames().name(node, name, operator),
                    kept -> { }, failure -> notice("The name of " + node + " was not kept: " + failure.getMessage())));
        }
        ConsoleSettings chosen = saved.orElse(settings);
        boolean nodesChanged = !chosen.nodes().equals(settings.nodes());
        if (chosen != settings) {
            console.storage().operators().log(new OperatorEvent(operator, OperatorEvent.Kind.SETTINGS_CHANGED, null,
                    settings.differences(chosen), Instant.now()));
            updateSettings(chosen);
            console.cameras().clips().quota(chosen.clipQuotaBytes());
            applyTheme(chosen.theme());
            sounds.setVolume(chosen.volume());
            sounds.setMuted(chosen.muted());
            updateSoundStatus();
        }
        if (!desk.isLocked() && (nodesChanged || cameras.changed())) {
            Alert restart = new Alert(Alert.AlertType.CONFIRMATION, (chosen.nodes().isEmpty()
                    ? "No node is configured: the console will run its simulated node."
                    : "The console will link to " + String.join(", ", chosen.nodes().stream().map(Object::toString).toList()) + ".")
                    + (cameras.changed() ? " The cameras are read anew." : ""), ButtonType.OK, ButtonType.CANCEL);
            restart.initOwner(stage);
            restart.setHeaderText("Reconnect now? Everything recorded stays; the links and cameras start again.");
            restart.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> reconnect.accept(chosen));
        }
    }
}
