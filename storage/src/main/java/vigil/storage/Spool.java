package vigil.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.zip.CRC32C;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * Node incidents waiting for a store that takes no writes for now. For a shared store that cannot
 * be reached: an append-only file in the data directory, each entry its length, its CRC-32C and its
 * fields, forced to disk before it counts as spooled, so that a kill loses nothing spooled. For an
 * embedded store whose disk is full, where no file can be written: memory, up to a limit of
 * pictures' bytes ({@link #inMemory}). Entries are forwarded from the head, in order; the
 * file is emptied once all are. A kill between forwarding and emptying forwards some again at the
 * next start, and the incident's unique key makes each a repeat. Opening reads every whole entry:
 * a torn last entry (a kill mid-append) is cut off, and a damaged one is skipped and counted.
 * Used by the storage writer's thread, and before the store could be opened by a recorder's
 * ({@link OfflineSpool}), which hands it over: its methods are synchronized.
 */
final class Spool {
    private static final Logger LOG = Logger.getLogger(Spool.class.getName());
    static final int MAX_ENTRY = 8 * 1024 * 1024 + 64 * 1024; // the decoder's picture limit, and room for the fields
    private static final int HEADER = 8;
    private static final byte VERSION = 1;
    /** At a few kilobytes a crop, thousands of incidents: hours of a busy site. */
    static final long MEMORY_LIMIT = 256L * 1024 * 1024;

    /** A first detection as the recorder received it, with the cameras that owe it a clip. */
    record Entry(NodeAddress node, FirstDetection detection, Instant receivedAt, List<String> clipCameras) {
    }

    private final Path file;
    /** Null in memory. */
    private final FileChannel channel;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int damaged;
    private final long memoryLimit;
    private long pictureBytes;

    private Spool(Path file, FileChannel channel, List<Entry> entries, int damaged, long memoryLimit) {
        this.file = file;
        this.channel = channel;
        this.memoryLimit = memoryLimit;
        this.entries.addAll(entries);
        this.size.set(entries.size());
        this.damaged = damaged;
    }

    /**
     * A spool in memory: what waits in it is lost if the process stops. {@code file} is where an
     * entry the store refuses is set aside ({@link #reject}), as from a spool on disk.
     */
    static Spool inMemory(Path file, long limit) {
        return new Spool(file, null, List.of(), 0, limit);
    }

    /** Opens (creating it if need be) the spool file, reading what a previous run left in it. */
    static Spool open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            List<Entry> entries = new ArrayList<>();
            int damaged = 0;
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (true) {
                header.clear();
                if (channel.read(header, position) < HEADER) {
                    break; // the end, or a header torn by a kill
                }
                int length = header.getInt(0);
                int checksum = header.getInt(4);
                if (length <= 0 || length > MAX_ENTRY || position + HEADER + length > channel.size()) {
                    break; // torn by a kill mid-append: nothing after it was ever spooled
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, position + HEADER);
                Entry entry = checksum == crc(payload.array()) ? decode(payload.array()) : null;
                if (entry == null) {
                    damaged++;
                } else {
                    entries.add(entry);
                }
                position += HEADER + length;
            }
            if (position < channel.size()) {
                LOG.warning("the spool " + file + " ended in a torn entry (" + (channel.size() - position) + " bytes), cut off");
                channel.truncate(position);
                channel.force(true);
            }
            if (damaged > 0) {
                LOG.warning("the spool " + file + " held " + damaged + " damaged entries, skipped");
            }
            channel.position(position);
            return new Spool(file, channel, entries, damaged, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool " + file, e);
        }
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many incidents wait; any thread. */
    int size() {
        return size.get();
    }

    /** Entries found damaged when the spool was opened. */
    int damaged() {
        return damaged;
    }

    /** The first {@code n} entries (fewer if there are fewer), oldest first. */
    synchronized List<Entry> head(int n) {
        return entries.stream().limit(n).toList();
    }

    /**
     * Appends {@code added} and forces them to disk: once this returns they survive a kill. In
     * memory, refuses them all if their pictures would pass the limit.
     */
    synchronized void append(List<Entry> added) {
        if (channel == null) {
            long adding = added.stream().mapToLong(entry -> entry.detection().image().size()).sum();
            if (pictureBytes + adding > memoryLimit) {
                throw new IllegalStateException(entries.size() + " incidents already wait in memory, with " + pictureBytes / (1024 * 1024)
                        + " MB of pictures: no room for more");
            }
            pictureBytes += adding;
            entries.addAll(added);
            size.set(entries.size());
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Entry entry : added) {
                byte[] payload = encode(entry);
                ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(payload.length).putInt(crc(payload));
                bytes.write(header.array());
                bytes.write(payload);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the spool " + file, e);
        }
        entries.addAll(added);
        size.set(entries.size());
    }

    /**
     * Moves the oldest entry, which the store refuses for a reason other than being out of reach, to
     * the file beside the spool ({@code incidents.rejected}), so that it neither blocks the rest nor
     * is lost; returns it.
     */
    synchronized Entry reject() {
        Entry refused = entries.getFirst();
        Spool rejected = open(file.resolveSibling(file.getFileName() + ".rejected"));
        try {
            rejected.append(List.of(refused));
        } finally {
            rejected.close();
        }
        forwarded(1);
        return refused;
    }

    /** Drops the first {@code n} entries, now in the store; empties the file once none is left. */
    synchronized void forwarded(int n) {
        for (int i = 0; i < n; i++) {
            pictureBytes -= entries.removeFirst().detection().image().size();
        }
        size.set(entries.size());
        if (entries.isEmpty() && channel != null) {
            try {
                channel.truncate(0);
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot empty the spool " + file, e); // forwarded again at the next start: repeats
            }
        }
    }

    synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warning("cannot close the spool " + file + ": " + e.getMessage());
        }
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    private static byte[] encode(Entry entry) throws IOException {
        FirstDetection detection = entry.detection();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(detection.image().size() + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(entry.node().host());
            out.writeInt(entry.node().port());
            out.writeUTF(detection.eventType().name());
            out.writeLong(detection.objectId());
            out.writeUTF(detection.objectClass().name());
            out.writeInt(detection.x());
            out.writeInt(detection.y());
            out.writeUTF(detection.area().name());
            out.writeUTF(detection.timestamp().text());
            writeInstant(out, detection.timestamp().instant());
            out.writeBoolean(detection.rescueLevel() != null);
            out.writeInt(detection.rescueLevel() == null ? 0 : detection.rescueLevel());
            writeInstant(out, entry.receivedAt());
            out.writeInt(entry.clipCameras().size());
            for (String camera : entry.clipCameras()) {
                out.writeUTF(camera);
            }
            out.writeInt(detection.image().size());
            detection.image().openStream().transferTo(out);
        }
        return bytes.toByteArray();
    }

    /** An entry from its fields; null when they do not make one (a checksum that matched by chance). */
    private static Entry decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                return null;
            }
            NodeAddress node = new NodeAddress(in.readUTF(), in.readInt());
            EventType eventType = EventType.valueOf(in.readUTF());
            long objectId = in.readLong();
            ObjectClass objectClass = ObjectClass.valueOf(in.readUTF());
            int x = in.readInt();
            int y = in.readInt();
            Area area = Area.valueOf(in.readUTF());
            NodeTimestamp timestamp = new NodeTimestamp(in.readUTF(), readInstant(in));
            boolean hasRescueLevel = in.readBoolean();
            int rescueLevel = in.readInt();
            Instant receivedAt = readInstant(in);
            int cameras = in.readInt();
            List<String> clipCameras = new ArrayList<>(cameras);
            for (int i = 0; i < cameras; i++) {
                clipCameras.add(in.readUTF());
            }
            int imageSize = in.readInt();
            if (imageSize < 0 || imageSize > in.available()) {
                return null;
            }
            byte[] image = new byte[imageSize];
            in.readFully(image);
            return new Entry(node, new FirstDetection(eventType, objectId, objectClass, x, y, area, timestamp,
                    hasRescueLevel ? rescueLevel : null, Jpeg.wrapOwned(image)), receivedAt, List.copyOf(clipCameras));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        out.writeLong(instant == null ? 0 : instant.getEpochSecond());
        out.writeInt(instant == null ? 0 : instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        boolean present = in.readBoolean();
        long seconds = in.readLong();
        int nanos = in.readInt();
        return present ? Instant.ofEpochSecond(seconds, nanos) : null;
    }
}
