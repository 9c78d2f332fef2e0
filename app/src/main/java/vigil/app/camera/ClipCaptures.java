package vigil.app.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A camera's clips: asked for from any thread, filled on the one thread that reads the camera.
 * That thread keeps the camera's {@link PacketRing} and hands every packet it rings to
 * {@link #offer}; a clip starts from the ring's keyframe at or before its start and is handed over
 * once a packet arrives after its end, or with what it has when the stream ends.
 */
final class ClipCaptures {
    /** How much further back than a clip's pre the ring reaches: an incident takes a moment to reach the camera. */
    static final Duration RING_MARGIN = Duration.ofSeconds(1);

    private final PacketRing ring;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<Capture> filling = new ArrayList<>(); // the reading thread's

    private record Request(Instant from, Instant until, CompletableFuture<CapturedClip> result) {
    }

    private record Capture(CapturedClip clip, CompletableFuture<CapturedClip> result) {
    }

    /** {@code keep}: how far back clips reach (their pre), to which the ring adds a margin for the incident's way here. */
    ClipCaptures(Duration keep) {
        this.ring = new PacketRing(keep.plus(RING_MARGIN));
    }

    PacketRing ring() {
        return ring;
    }

    /** From any thread: a clip of [from, until]. */
    CompletableFuture<CapturedClip> ask(Instant from, Instant until) {
        CompletableFuture<CapturedClip> result = new CompletableFuture<>();
        requests.add(new Request(from, until, result));
        return result;
    }

    /**
     * On the reading thread, for each packet the ring took: every clip being filled gets it (those
     * complete are handed over), then the clips asked for start, from the ring, which has it already.
     * {@code start} makes a clip of the ring's packets from a request's start, until its end.
     */
    void offer(PacketRing.Entry entry, BiFunction<List<PacketRing.Entry>, Instant, CapturedClip> start) {
        for (Iterator<Capture> it = filling.iterator(); it.hasNext(); ) {
            Capture capture = it.next();
            if (capture.clip().frames() == 0 && !entry.key()) {
                continue; // a clip starts on a keyframe
            }
            if (capture.clip().add(entry)) {
                it.remove();
                capture.result().complete(capture.clip());
            }
        }
        for (Request request; (request = requests.poll()) != null; ) {
            filling.add(new Capture(start.apply(ring.copyFrom(request.from()), request.until()), request.result()));
        }
    }

    /** On the reading thread, when the stream ends: each clip being filled is handed over with what it has; the ring empties. */
    void streamEnded() {
        for (Capture capture : filling) {
            if (capture.clip().frames() > 0) {
                capture.result().complete(capture.clip());
            } else {
                capture.clip().close();
                capture.result().completeExceptionally(new IllegalStateException("the stream ended before the clip's first keyframe"));
            }
        }
        filling.clear();
        ring.clear();
    }

    /** Fails the clips asked for whose end has passed while no frame came; {@code why} says why, for each. */
    void expire(Instant now, Function<String, String> why) {
        for (Iterator<Request> it = requests.iterator(); it.hasNext(); ) {
            Request request = it.next();
            if (request.until().isBefore(now)) {
                it.remove();
                request.result().completeExceptionally(new IllegalStateException(
                        why.apply("from " + request.from() + " to " + request.until())));
            }
        }
    }

    /** Fails every clip asked for and not started. */
    void refuse(String why) {
        for (Request request; (request = requests.poll()) != null; ) {
            request.result().completeExceptionally(new IllegalStateException(why));
        }
    }
}
