package vigil.storage;

import static vigil.storage.schema.Tables.CAMERA;
import static vigil.storage.schema.Tables.NODE;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.wire.Area;
import vigil.storage.schema.tables.records.CameraRecord;

/** The site's own cameras, by name. Writes go through the storage writer; reads run on the caller's thread. */
public final class CameraStore {
    private final DSLContext ctx;
    private final StorageWriter writer;

    CameraStore(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
    }

    /**
     * Adds a camera, {@code by} an operator (sealed in the operator log); fails with an
     * {@link IllegalArgumentException} when the name is taken.
     */
    public CompletableFuture<SiteCamera> add(SiteCamera camera, String by) {
        return writer.submit((tx, chain) -> {
            CameraRecord row = tx.newRecord(CAMERA);
            fill(row, camera);
            try {
                row.store();
            } catch (IntegrityConstraintViolationException taken) {
                throw new IllegalArgumentException("there is already a camera named '" + camera.name() + "'");
            }
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.CAMERA_ADDED, camera.name(), camera.toString(), Instant.now()));
            return camera;
        });
    }

    /** Replaces the camera of the same name, {@code by} an operator; fails when there is none. */
    public CompletableFuture<SiteCamera> update(SiteCamera camera, String by) {
        return writer.submit((tx, chain) -> {
            CameraRecord row = tx.selectFrom(CAMERA).where(CAMERA.NAME.eq(camera.name())).fetchOne();
            if (row == null) {
                throw new IllegalArgumentException("no camera named '" + camera.name() + "'");
            }
            fill(row, camera);
            row.store();
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.CAMERA_CHANGED, camera.name(), camera.toString(), Instant.now()));
            return camera;
        });
    }

    /** Removes a camera, {@code by} an operator; its site events stay. Completes with whether there was one. */
    public CompletableFuture<Boolean> remove(String name, String by) {
        return writer.submit((tx, chain) -> {
            boolean removed = tx.deleteFrom(CAMERA).where(CAMERA.NAME.eq(name)).execute() > 0;
            if (removed) {
                OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.CAMERA_REMOVED, name, null, Instant.now()));
            }
            return removed;
        });
    }

    /** Every camera, by name. */
    public List<SiteCamera> list() {
        return ctx.selectFrom(CAMERA).orderBy(CAMERA.NAME).fetch(CameraStore::camera);
    }

    /** The nodes the store has heard of, by address: each has its cameras A and B. */
    public List<NodeAddress> nodes() {
        return ctx.select(NODE.HOST, NODE.PORT).from(NODE).orderBy(NODE.HOST, NODE.PORT)
                .fetch(r -> new NodeAddress(r.value1(), r.value2()));
    }

    public Optional<SiteCamera> find(String name) {
        return ctx.selectFrom(CAMERA).where(CAMERA.NAME.eq(name)).fetchOptional(CameraStore::camera);
    }

    private static void fill(CameraRecord row, SiteCamera camera) {
        row.setName(camera.name());
        row.setUrl(camera.url());
        row.setUsername(camera.username());
        row.setPassword(camera.password());
        row.setZones(camera.zones().stream().map(zone -> Integer.toString(zone.zoneNumber())).collect(Collectors.joining()));
        SiteCamera.Placement placement = camera.placement();
        row.setMapX(placement == null ? null : placement.x());
        row.setMapY(placement == null ? null : placement.y());
        row.setHeading(placement == null ? null : placement.heading());
        row.setPreSeconds(Math.toIntExact(camera.clips().pre().toSeconds()));
        row.setPostSeconds(Math.toIntExact(camera.clips().post().toSeconds()));
        row.setEnabled(camera.enabled());
        row.setChangedAt(IncidentStore.time(Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    private static SiteCamera camera(CameraRecord row) {
        List<Area> zones = row.getZones().chars().mapToObj(digit -> Area.ZONES.get(digit - '1')).toList();
        SiteCamera.Placement placement = row.getMapX() == null ? null
                : new SiteCamera.Placement(row.getMapX(), row.getMapY(), row.getHeading());
        return new SiteCamera(row.getName(), row.getUrl(), row.getUsername(), row.getPassword(), zones, placement,
                new SiteCamera.ClipWindow(Duration.ofSeconds(row.getPreSeconds()), Duration.ofSeconds(row.getPostSeconds())),
                row.getEnabled());
    }
}
