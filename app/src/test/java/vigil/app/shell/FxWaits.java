package vigil.app.shell;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Reading the scene on the FX thread, and waiting for what the console does in its own time. */
final class FxWaits {

    private FxWaits() {
    }

    static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void await(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting for: " + what, e);
        }
    }

    /** Every label's text under the node the query finds, joined; for assertions on what a card or tile says. */
    static String texts(org.testfx.api.FxRobot robot, String query) {
        javafx.scene.Node node = robot.lookup(query).query();
        return robot.from(node).lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).reduce((a, b) -> a + " " + b).orElse("");
    }

    /** Stops a window's frame loop and sound on the FX thread. */
    static void stop(ConsoleWindow window) {
        fx(() -> {
            window.stop();
            return null;
        });
    }
}
