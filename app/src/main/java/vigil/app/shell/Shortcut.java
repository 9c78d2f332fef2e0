package vigil.app.shell;

import java.util.Arrays;
import java.util.List;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every key binding of the console, as data: the key filter dispatches from it and the {@code ?}
 * cheat-sheet lists it, so the two never disagree. {@code scope} says where a binding acts:
 * everywhere, on one screen, or on the newest first-detection pop-up (which has the keys on the
 * Live screen; elsewhere that screen's own keys come first).
 */
public enum Shortcut {
    SHOW_LIVE(Scope.GLOBAL, "Shortcut+1", "Live view"),
    SHOW_INCIDENTS(Scope.GLOBAL, "Shortcut+2", "Incident review"),
    SHOW_ACCESS(Scope.GLOBAL, "Shortcut+3", "Access (zone authority levels)"),
    SHOW_CAMERAS(Scope.GLOBAL, "Shortcut+4", "Cameras"),
    SHOW_LOGS(Scope.GLOBAL, "Shortcut+5", "Logs"),
    MUTE(Scope.GLOBAL, "M", "Mute or unmute alert sounds"),
    CAMERAS_OF_ZONE(Scope.GLOBAL, "C", "Show the cameras that cover the selected object's, incident's or newest pop-up's zone"),
    SETTINGS(Scope.GLOBAL, "Shortcut+Comma", "Settings"),
    LOCK(Scope.GLOBAL, "Shortcut+L", "Lock the console (alarms still show and sound)"),
    HAND_OVER(Scope.GLOBAL, "Shortcut+Shift+L", "Hand over: a note for the next operator, then lock"),
    CHEAT_SHEET(Scope.GLOBAL, "Shift+Slash", "This list of shortcuts (?)"),
    SITE_ACTION(Scope.GLOBAL, "Shortcut+G", "Run an action on the site (a gate, a siren, lights), after a confirmation"),

    POPUP_OPEN(Scope.POPUP, "Enter", "Open the newest pop-up's incident"),
    POPUP_ACKNOWLEDGE(Scope.POPUP, "A", "Acknowledge the newest pop-up's incident"),
    POPUP_DISMISS(Scope.POPUP, "Esc", "Dismiss the newest pop-up (the incident stays queued)"),
    POPUP_NEXT_CAMERA(Scope.POPUP, "Tab", "Show the next camera that covers the newest pop-up's zone"),

    LIVE_OBJECT_DETAIL(Scope.LIVE, "Enter", "Ask the node for the selected object's detail and crop"),
    LIVE_NEXT_OBJECT(Scope.LIVE, "Tab", "Select the next object on the map"),
    LIVE_CLEAR_SELECTION(Scope.LIVE, "Esc", "Clear the object selection"),

    REVIEW_NEXT(Scope.INCIDENTS, "J", "Next incident"),
    REVIEW_NEXT_ARROW(Scope.INCIDENTS, "Down", "Next incident"),
    REVIEW_PREVIOUS(Scope.INCIDENTS, "K", "Previous incident"),
    REVIEW_PREVIOUS_ARROW(Scope.INCIDENTS, "Up", "Previous incident"),
    REVIEW_OPEN(Scope.INCIDENTS, "Enter", "Open the incident's picture full size"),
    REVIEW_ACKNOWLEDGE(Scope.INCIDENTS, "A", "Acknowledge the selection"),
    REVIEW_RESOLVE(Scope.INCIDENTS, "R", "Resolve the selection"),
    REVIEW_FALSE_ALARM(Scope.INCIDENTS, "F", "Mark the selection a false alarm"),
    REVIEW_REOPEN(Scope.INCIDENTS, "O", "Re-open the selection"),
    REVIEW_NOTE(Scope.INCIDENTS, "N", "Add a note to the selection"),
    REVIEW_CHECKLIST_STEP(Scope.INCIDENTS, "T", "Tick the next step of the incident's emergency checklist"),
    REVIEW_SELECT_ALL(Scope.INCIDENTS, "Shortcut+A", "Select every incident listed"),
    REVIEW_SEARCH(Scope.INCIDENTS, "Slash", "Search notes (/)"),
    REVIEW_EXPORT(Scope.INCIDENTS, "Shortcut+E", "Export the selection as an evidence package"),
    REVIEW_BACK(Scope.INCIDENTS, "Esc", "Close the picture, or go back to the Live view"),
    CLIP_PLAY(Scope.INCIDENTS, "Space", "Play or pause the incident's clip"),
    CLIP_BACK(Scope.INCIDENTS, "Left", "Clip: one second back"),
    CLIP_FORWARD(Scope.INCIDENTS, "Right", "Clip: one second forward"),
    CLIP_FRAME_BACK(Scope.INCIDENTS, "Shift+Left", "Clip: one frame back (pauses)"),
    CLIP_FRAME_FORWARD(Scope.INCIDENTS, "Shift+Right", "Clip: one frame forward (pauses)"),
    CLIP_START(Scope.INCIDENTS, "Home", "Clip: to its start"),
    CLIP_END(Scope.INCIDENTS, "End", "Clip: to its last second"),
    CLIP_SLOWER(Scope.INCIDENTS, "Open Bracket", "Clip: slower, down to 1/8× ([)"),
    CLIP_FASTER(Scope.INCIDENTS, "Close Bracket", "Clip: faster, up to 8× (])"),
    CLIP_NEXT_CAMERA(Scope.INCIDENTS, "Tab", "Clip: the next camera's clip of the incident"),

    ACCESS_ZONE_1(Scope.ACCESS, "1", "Select zone 1"),
    ACCESS_ZONE_2(Scope.ACCESS, "2", "Select zone 2"),
    ACCESS_ZONE_3(Scope.ACCESS, "3", "Select zone 3"),
    ACCESS_ZONE_4(Scope.ACCESS, "4", "Select zone 4"),
    ACCESS_ZONE_5(Scope.ACCESS, "5", "Select zone 5"),
    ACCESS_ZONE_6(Scope.ACCESS, "6", "Select zone 6"),
    ACCESS_ZONE_7(Scope.ACCESS, "7", "Select zone 7"),
    ACCESS_ZONE_8(Scope.ACCESS, "8", "Select zone 8"),
    ACCESS_OPEN(Scope.ACCESS, "O", "Set the selected zone OPEN"),
    ACCESS_AUTH_ONLY(Scope.ACCESS, "A", "Set the selected zone AUTH ONLY"),
    ACCESS_NO_ENTRY(Scope.ACCESS, "N", "Set the selected zone NO ENTRY"),
    ACCESS_APPLY(Scope.ACCESS, "Shortcut+Enter", "Apply the pending changes (asks to confirm)"),
    ACCESS_REVERT(Scope.ACCESS, "Esc", "Revert the pending changes"),
    ACCESS_REFRESH(Scope.ACCESS, "F5", "Ask the node for its levels again"),

    WALL_LEFT(Scope.CAMERAS, "Left", "Select the tile to the left"),
    WALL_RIGHT(Scope.CAMERAS, "Right", "Select the tile to the right"),
    WALL_UP(Scope.CAMERAS, "Up", "Select the tile above"),
    WALL_DOWN(Scope.CAMERAS, "Down", "Select the tile below"),
    WALL_MAXIMISE(Scope.CAMERAS, "Enter", "Maximise the selected tile, or restore it"),
    WALL_NEXT_CAMERA(Scope.CAMERAS, "Period", "Put the next camera in the selected tile (.)"),
    WALL_PREVIOUS_CAMERA(Scope.CAMERAS, "Comma", "Put the previous camera in the selected tile (,)"),
    WALL_LAYOUT(Scope.CAMERAS, "L", "Change the layout: 1, 2×2, 3×3, 4×4"),
    WALL_INFO(Scope.CAMERAS, "I", "Show or hide each stream's frame rate, bitrate, size, codec and last frame's age"),
    WALL_VIEW_1(Scope.CAMERAS, "1", "Show view 1"),
    WALL_VIEW_2(Scope.CAMERAS, "2", "Show view 2"),
    WALL_VIEW_3(Scope.CAMERAS, "3", "Show view 3"),
    WALL_VIEW_4(Scope.CAMERAS, "4", "Show view 4"),
    WALL_KEEP_VIEW_1(Scope.CAMERAS, "Shift+1", "Keep the wall as view 1"),
    WALL_KEEP_VIEW_2(Scope.CAMERAS, "Shift+2", "Keep the wall as view 2"),
    WALL_KEEP_VIEW_3(Scope.CAMERAS, "Shift+3", "Keep the wall as view 3"),
    WALL_KEEP_VIEW_4(Scope.CAMERAS, "Shift+4", "Keep the wall as view 4"),
    WALL_REPORT(Scope.CAMERAS, "Shortcut+R", "Report what the selected camera shows: an incident and its clip, from before the key"
            + " until the key again (10 min at most)"),
    WALL_BACK(Scope.CAMERAS, "Esc", "Restore a maximised tile, or go back to the Live view"),

    LOGS_REFRESH(Scope.LOGS, "F5", "Load the logs again"),
    LOGS_RETRY_DELIVERY(Scope.LOGS, "Shortcut+R", "Alert deliveries: send the selected failed one again");

    /** Where a binding acts. */
    public enum Scope {
        GLOBAL("Everywhere"), POPUP("First-detection pop-ups"), LIVE("Live view"), INCIDENTS("Incident review"),
        ACCESS("Access"), CAMERAS("Cameras"), LOGS("Logs");

        private final String title;

        Scope(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** The scope of a screen's own keys. */
        public static Scope of(Screen screen) {
            return switch (screen) {
                case LIVE -> LIVE;
                case INCIDENTS -> INCIDENTS;
                case ACCESS -> ACCESS;
                case CAMERAS -> CAMERAS;
                case LOGS -> LOGS;
            };
        }
    }

    private final Scope scope;
    private final KeyCombination keys;
    private final String description;

    Shortcut(Scope scope, String keys, String description) {
        this.scope = scope;
        this.keys = KeyCombination.valueOf(keys);
        this.description = description;
    }

    public Scope scope() {
        return scope;
    }

    public KeyCombination keys() {
        return keys;
    }

    public String description() {
        return description;
    }

    public boolean matches(KeyEvent event) {
        return keys.match(event);
    }

    public static List<Shortcut> in(Scope scope) {
        return Arrays.stream(values()).filter(shortcut -> shortcut.scope == scope).toList();
    }
}
