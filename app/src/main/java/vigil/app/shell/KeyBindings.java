package vigil.app.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Dispatches key presses to the actions bound to {@link Shortcut}s: global ones first, then on
 * the Live screen the newest pop-up's before the screen's own, elsewhere the screen's before the
 * pop-up's. An action returns false when it does not apply (no pop-up showing), and the key goes
 * on. While a text field has the focus, only keys with a modifier (and Esc) are shortcuts.
 */
public final class KeyBindings {
    private final Map<Shortcut, BooleanSupplier> actions = new EnumMap<>(Shortcut.class);
    private Predicate<Shortcut> allowed = shortcut -> true;
    private Consumer<Shortcut> refused = shortcut -> { };

    public void on(Shortcut shortcut, BooleanSupplier action) {
        actions.put(shortcut, action);
    }

    public void on(Shortcut shortcut, Runnable action) {
        on(shortcut, () -> {
            action.run();
            return true;
        });
    }

    /** Lets only the shortcuts {@code allowed} act; the others are taken and {@code refused} hears of them. */
    public void gate(Predicate<Shortcut> allowed, Consumer<Shortcut> refused) {
        this.allowed = allowed;
        this.refused = refused;
    }

    /** Handles a key press on {@code screen}; true when a binding took it. */
    public boolean dispatch(KeyEvent event, Screen screen, Node focused) {
        boolean typing = focused instanceof TextInputControl || focused instanceof ComboBoxBase<?>;
        if (typing && !event.isShortcutDown() && !event.isAltDown() && event.getCode() != KeyCode.ESCAPE) {
            return false;
        }
        Shortcut.Scope own = Shortcut.Scope.of(screen);
        Shortcut.Scope[] order = screen == Screen.LIVE
                ? new Shortcut.Scope[] {Shortcut.Scope.GLOBAL, Shortcut.Scope.POPUP, own}
                : new Shortcut.Scope[] {Shortcut.Scope.GLOBAL, own, Shortcut.Scope.POPUP};
        for (Shortcut.Scope scope : order) {
            for (Shortcut shortcut : Shortcut.in(scope)) {
                BooleanSupplier action = actions.get(shortcut);
                if (action == null || !shortcut.matches(event)) {
                    continue;
                }
                if (!allowed.test(shortcut)) {
                    refused.accept(shortcut);
                    return true;
                }
                if (action.getAsBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }
}
