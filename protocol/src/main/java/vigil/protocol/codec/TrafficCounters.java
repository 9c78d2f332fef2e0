package vigil.protocol.codec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import vigil.protocol.wire.InvalidMessage.Failure;
import vigil.protocol.wire.MessageType;

/**
 * What one link received: bytes, messages by type, failures by kind, bytes skipped while
 * resynchronising, and replies that answered no command of ours. Written by the link's event loop
 * only (so a plain read and a release write make an increment: no compare-and-set on the hot
 * path), read from any thread through {@link #snapshot()}.
 */
public final class TrafficCounters {
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLongArray messages = new AtomicLongArray(MessageType.values().length);
    private final AtomicLongArray failures = new AtomicLongArray(Failure.values().length);
    private final AtomicLong skippedBytes = new AtomicLong();
    private final AtomicLong unsolicitedReplies = new AtomicLong();

    void countBytes(long count) {
        add(bytes, count);
    }

    void countMessage(MessageType type) {
        increment(messages, type.ordinal());
    }

    void countFailure(Failure failure) {
        increment(failures, failure.ordinal());
        increment(messages, MessageType.INVALID.ordinal());
    }

    void countSkipped(long count) {
        add(skippedBytes, count);
    }

    public void countUnsolicitedReply() {
        add(unsolicitedReplies, 1);
    }

    private static void add(AtomicLong counter, long count) {
        counter.setRelease(counter.getPlain() + count);
    }

    private static void increment(AtomicLongArray counters, int index) {
        counters.setRelease(index, counters.getPlain(index) + 1);
    }

    public Snapshot snapshot() {
        Map<MessageType, Long> byType = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            long count = messages.get(type.ordinal());
            if (count > 0) {
                byType.put(type, count);
            }
        }
        Map<Failure, Long> byFailure = new EnumMap<>(Failure.class);
        for (Failure failure : Failure.values()) {
            long count = failures.get(failure.ordinal());
            if (count > 0) {
                byFailure.put(failure, count);
            }
        }
        return new Snapshot(bytes.get(), Collections.unmodifiableMap(byType), Collections.unmodifiableMap(byFailure),
                skippedBytes.get(), unsolicitedReplies.get());
    }

    /** The counters at one moment; the maps hold only non-zero counts. */
    public record Snapshot(
            long bytes,
            Map<MessageType, Long> messages,
            Map<Failure, Long> failures,
            long skippedBytes,
            long unsolicitedReplies) {

        public long messages(MessageType type) {
            return messages.getOrDefault(type, 0L);
        }

        public long totalFailures() {
            return messages(MessageType.INVALID);
        }

        public long failures(Failure failure) {
            return failures.getOrDefault(failure, 0L);
        }
    }
}
