package vigil.app.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A camera's clips: asked for from any thread, filled on the one thread that reads the camera.
 * That thread keeps the camera's {@link PacketRing} and hands every packet it rings to
 * {@link #offer}; a clip starts from the ring's keyframe at or before its start and is handed over
 * once a packet arrives after its end (which may be brought forward meanwhile), or with what it has
 * when the stream ends.
 */
final class ClipCaptures {
    /** How much further back than a clip's pre the ring reaches: an incident takes a moment to reach the camera. */
    static final Duration RING_MARGIN = Duration.ofSeconds(1);

    private final PacketRing ring;
    private final Queue<ClipCapture> requests = new ConcurrentLinkedQueue<>();
    private final List<Filling> filling = new ArrayList<>(); // the reading thread's

    private record Filling(CapturedClip clip, ClipCapture capture) {
    }

    /** {@code keep}: how far back clips reach (their pre), to which the ring adds a margin for the incident's way here. */
    ClipCaptures(Duration keep) {
        this.ring = new PacketRing(keep.plus(RING_MARGIN));
    }

    PacketRing ring() {
        return ring;
    }

    /** From any thread: a clip of [from, until]. */
    ClipCapture ask(Instant from, Instant until) {
        ClipCapture capture = new ClipCapture(from, until);
        requests.add(capture);
        return capture;
    }

    /**
     * On the reading thread, for each packet the ring took: every clip being filled gets it (those
     * complete are handed over), then the clips asked for start, from the ring, which has it already.
     * {@code start} makes a clip of the ring's packets from a request's start.
     */
    void offer(PacketRing.Entry entry, Function<List<PacketRing.Entry>, CapturedClip> start) {
        for (Iterator<Filling> it = filling.iterator(); it.hasNext(); ) {
            Filling next = it.next();
            if (next.clip().frames() == 0 && !entry.key()) {
                continue; // a clip starts on a keyframe
            }
            next.clip().add(entry);
            if (entry.arrived().isAfter(next.capture().until())) {
                it.remove();
                next.capture().result().complete(next.clip());
            }
        }
        for (ClipCapture request; (request = requests.poll()) != null; ) {
            filling.add(new Filling(start.apply(ring.copyFrom(request.from())), request));
        }
    }

    /** On the reading thread, when the stream ends: each clip being filled is handed over with what it has; the ring empties. */
    void streamEnded() {
        for (Filling next : filling) {
            if (next.clip().frames() > 0) {
                next.capture().result().complete(next.clip());
            } else {
                next.clip().close();
                next.capture().result().completeExceptionally(new IllegalStateException("the stream ended before the clip's first keyframe"));
            }
        }
        filling.clear();
        ring.clear();
    }

    /** Fails the clips asked for whose end has passed while no frame came; {@code why} says why, for each. */
    void expire(Instant now, Function<String, String> why) {
        for (Iterator<ClipCapture> it = requests.iterator(); it.hasNext(); ) {
            ClipCapture request = it.next();
            if (request.until().isBefore(now)) {
                it.remove();
                request.result().completeExceptionally(new IllegalStateException(
                        why.apply("from " + request.from() + " to " + request.until())));
            }
        }
    }

    /** Fails every clip asked for and not started. */
    void refuse(String why) {
        for (ClipCapture request; (request = requests.poll()) != null; ) {
            request.result().completeExceptionally(new IllegalStateException(why));
        }
    }
}
