package vigil.app.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

class ShortcutTest {

    @Test
    void noTwoBindingsOfAScopeShareKeys() {
        for (Shortcut.Scope scope : Shortcut.Scope.values()) {
            Set<KeyCombination> seen = new HashSet<>();
            for (Shortcut shortcut : Shortcut.in(scope)) {
                assertTrue(seen.add(shortcut.keys()), shortcut + " repeats keys in " + scope);
            }
        }
    }

    @Test
    void globalKeysShadowNoScreenKey() {
        Set<KeyCombination> global = new HashSet<>();
        Shortcut.in(Shortcut.Scope.GLOBAL).forEach(shortcut -> global.add(shortcut.keys()));
        for (Shortcut shortcut : Shortcut.values()) {
            if (shortcut.scope() != Shortcut.Scope.GLOBAL) {
                assertFalse(global.contains(shortcut.keys()), shortcut + " is hidden by a global binding");
            }
        }
    }

    @Test
    void everyBindingIsDescribed() {
        for (Shortcut shortcut : Shortcut.values()) {
            assertFalse(shortcut.description().isBlank(), shortcut.name());
        }
    }
}
