package vigil.app.camera;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clip asked of a camera: it ends at the first packet after {@link #until()}, which
 * {@link #finishAt} may bring forward from any thread (an operator stopping a manual clip). Its
 * {@link #result()} is the clip, which whoever takes it must close.
 */
public final class ClipCapture {
    private final Instant from;
    private final AtomicReference<Instant> until;
    private final CompletableFuture<CapturedClip> result = new CompletableFuture<>();

    ClipCapture(Instant from, Instant until) {
        this.from = from;
        this.until = new AtomicReference<>(until);
    }

    public Instant from() {
        return from;
    }

    public Instant until() {
        return until.get();
    }

    /** Ends the clip at {@code at}, unless it was to end sooner. */
    public void finishAt(Instant at) {
        until.accumulateAndGet(at, (planned, asked) -> asked.isBefore(planned) ? asked : planned);
    }

    public CompletableFuture<CapturedClip> result() {
        return result;
    }
}
