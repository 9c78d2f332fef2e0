package vigil.app.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * A camera's last seconds as compressed packets, never decoded: whole GOPs, from the newest
 * keyframe at least {@code keep} old. A packet here is a new reference to the reader's buffer, not
 * a copy. Owned by the camera's reader thread.
 */
final class PacketRing {

    /** One packet as it arrived. {@code packet} is a reference of its own, freed with {@link #free()}. */
    record Entry(AVPacket packet, Instant arrived, boolean key, int size) {
        Entry copy() {
            return new Entry(av_packet_clone(packet), arrived, key, size);
        }

        void free() {
            av_packet_free(packet);
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Duration keep;
    private long bytes;
    private Instant lastKeyframe;
    private Duration keyframeInterval;

    PacketRing(Duration keep) {
        this.keep = keep;
    }

    /** Keeps a reference to {@code packet}; returns the entry (owned by the ring). */
    Entry add(AVPacket packet, Instant arrived) {
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        Entry entry = new Entry(av_packet_clone(packet), arrived, key, packet.size());
        if (key) {
            if (lastKeyframe != null) {
                keyframeInterval = Duration.between(lastKeyframe, arrived);
            }
            lastKeyframe = arrived;
        }
        if (entries.isEmpty() && !key) {
            entry.free(); // a clip starts on a keyframe: nothing before the first is of use
            return null;
        }
        entries.addLast(entry);
        bytes += entry.size();
        trim(arrived);
        return entry;
    }

    /** Drops the GOPs older than the newest keyframe that is at least {@code keep} old. */
    private void trim(Instant now) {
        Instant oldestNeeded = now.minus(keep);
        Entry start = null;
        for (Entry entry : entries) {
            if (entry.arrived().isAfter(oldestNeeded)) {
                break;
            }
            if (entry.key()) {
                start = entry;
            }
        }
        while (start != null && entries.peekFirst() != start) {
            Entry dropped = entries.removeFirst();
            bytes -= dropped.size();
            dropped.free();
        }
    }

    /**
     * New references to the packets from the newest keyframe at or before {@code from} (the oldest
     * kept keyframe when none is that old) to the newest; the caller frees them.
     */
    List<Entry> copyFrom(Instant from) {
        Entry start = entries.peekFirst();
        for (Entry entry : entries) {
            if (entry.arrived().isAfter(from)) {
                break;
            }
            if (entry.key()) {
                start = entry;
            }
        }
        List<Entry> copies = new ArrayList<>();
        boolean copying = false;
        for (Entry entry : entries) {
            copying |= entry == start;
            if (copying) {
                copies.add(entry.copy());
            }
        }
        return copies;
    }

    /**
     * The packets a decoder needs before {@code newest} to picture it: from the newest keyframe to
     * the packet before it (none when it is a keyframe). Still the ring's: used at once, on its thread.
     */
    List<AVPacket> leadingUpTo(Entry newest) {
        List<AVPacket> leading = new ArrayList<>();
        if (newest.key()) {
            return leading;
        }
        for (Iterator<Entry> older = entries.descendingIterator(); older.hasNext(); ) {
            Entry entry = older.next();
            if (entry != newest) {
                leading.addFirst(entry.packet());
                if (entry.key()) {
                    break;
                }
            }
        }
        return leading;
    }

    /** Bytes of compressed video held. */
    long bytes() {
        return bytes;
    }

    /** The time between the last two keyframes, or null before the second. */
    Duration keyframeInterval() {
        return keyframeInterval;
    }

    /** Forgets everything: a new session may bring other codec parameters. */
    void clear() {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            it.next().free();
            it.remove();
        }
        bytes = 0;
        lastKeyframe = null;
        keyframeInterval = null;
    }
}
