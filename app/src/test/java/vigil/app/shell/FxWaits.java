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

    /** Stops a window's frame loop and sound on the FX thread. */
    static void stop(ConsoleWindow window) {
        fx(() -> {
            window.stop();
            return null;
        });
    }
}
