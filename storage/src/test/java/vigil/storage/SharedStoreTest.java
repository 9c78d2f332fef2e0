package vigil.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.protocol.link.NodeAddress;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.Jpeg;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;
import vigil.storage.testing.PostgresServer;

/** Several consoles and recorders on one PostgreSQL database, and the address that names it. */
class SharedStoreTest {
    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);

    @TempDir
    Path deskA;
    @TempDir
    Path deskB;

    private static FirstDetection detection(long objectId) {
        return new FirstDetection(EventType.UNAUTH, objectId, ObjectClass.PERSON, 407, 469, Area.RWY_B,
                NodeTimestamp.parse("2025-06-30T04:56:25Z"), 0, TestJpegs.jpeg(2237, (int) objectId));
    }

    /** Two recorders of the same node, at once: every incident once, and one chain that verifies. */
    @Test
    void twoWritersRecordEachIncidentOnceAndMakeOneValidChain() throws Exception {
        SharedStore shared = PostgresServer.get().newDatabase();
        int incidents = 300;
        try (Storage a = Storage.open(deskA, shared); Storage b = Storage.open(deskB, shared)) {
            List<CompletableFuture<Recorded>> writes = new ArrayList<>();
            for (int i = 0; i < incidents; i++) {
                writes.add(a.incidents().record(NODE, detection(i), Instant.now()));
                writes.add(b.incidents().record(NODE, detection(i), Instant.now()));
            }
            Set<Long> newIds = new HashSet<>();
            int repeats = 0;
            for (CompletableFuture<Recorded> write : writes) {
                Recorded recorded = write.get(60, TimeUnit.SECONDS);
                if (recorded.isNew()) {
                    assertTrue(newIds.add(recorded.incident().id()));
                } else {
                    repeats++;
                }
            }
            assertEquals(incidents, newIds.size(), "each incident is new at exactly one of the two writers");
            assertEquals(incidents, repeats);
            assertEquals(incidents, a.incidents().count());
            long first = newIds.stream().min(Long::compare).orElseThrow();
            a.incidents().act(first, ActionKind.ACKNOWLEDGE, "ana", null).get();
            b.incidents().act(first, ActionKind.NOTE, "bob", "seen from desk B").get();
            assertEquals(IncidentState.ACKNOWLEDGED, b.incidents().find(first).orElseThrow().state());
            AuditReport report = b.verify();
            assertTrue(report.intact(), report.problems()::toString);
            assertEquals(incidents + 2, report.entries(), "one chain: every incident and both actions, once");
        }
    }

    /** What one desk writes reaches the other within a second, never back to itself, and a lost connection loses nothing. */
    @Test
    void eachDeskHearsTheOthersIncidentsAndActionsEvenAcrossALostConnection() throws Exception {
        SharedStore shared = PostgresServer.get().newDatabase();
        try (Storage a = Storage.open(deskA, shared); Storage b = Storage.open(deskB, shared)) {
            BlockingQueue<String> heardByA = new LinkedBlockingQueue<>();
            BlockingQueue<String> heardByB = new LinkedBlockingQueue<>();
            a.listenToOtherDesks(heard(heardByA));
            b.listenToOtherDesks(heard(heardByB));

            a.nodeNames().name(NODE, "North apron", "ana").get();
            long id = a.incidents().record(NODE, detection(1), Instant.now()).get().incident().id();
            assertEquals("recorded " + id + " NEW with a picture", heardByB.poll(1, TimeUnit.SECONDS));
            assertEquals("North apron", b.nodeNames().of(NODE), "a rename at one desk reaches the other");
            b.incidents().act(id, ActionKind.ACKNOWLEDGE, "bob", null).get();
            assertEquals("ACKNOWLEDGE by bob: " + id + " ACKNOWLEDGED", heardByA.poll(1, TimeUnit.SECONDS));

            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + shared.host() + ":" + shared.port() + "/" + shared.database(),
                    shared.user(), shared.password()); Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vigil: other desks'");
            }
            long whileAway = a.incidents().record(NODE, detection(2), Instant.now()).get().incident().id();
            a.incidents().act(whileAway, ActionKind.NOTE, "ana", "gate 4").get();
            assertEquals("recorded " + whileAway + " NEW with a picture", heardByB.poll(10, TimeUnit.SECONDS));
            assertEquals("NOTE by ana: " + whileAway + " NEW", heardByB.poll(10, TimeUnit.SECONDS));

            Thread.sleep(300);
            assertTrue(heardByA.isEmpty(), () -> "a desk is not told its own writes: " + heardByA);
            assertTrue(heardByB.isEmpty(), () -> "a desk is not told its own writes: " + heardByB);
        }
    }

    private static IncidentStore.Listener heard(BlockingQueue<String> heard) {
        return new IncidentStore.Listener() {
            @Override
            public void recorded(Incident incident, Jpeg picture) {
                heard.add("recorded " + incident.id() + " " + incident.state() + (picture.sha256Hex().equals(incident.imageSha256()) ? " with a picture" : ""));
            }

            @Override
            public void acted(Incident incident, IncidentAction action) {
                heard.add(action.kind() + " by " + action.operator() + ": " + incident.id() + " " + incident.state());
            }
        };
    }

    /** PostgreSQL stops while detections arrive, then starts again: each incident arrives, in order, once. */
    @Test
    void incidentsRecordedWhileTheStoreIsDownWaitInTheSpoolAndArriveInOrderOnce() throws Exception {
        PostgresServer server = PostgresServer.get();
        SharedStore shared = server.newDatabase();
        try (Storage desk = Storage.open(deskA, shared)) {
            List<CompletableFuture<Recorded>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                writes.add(desk.incidents().record(NODE, detection(i), Instant.now()));
            }
            writes.getLast().get(10, TimeUnit.SECONDS);
            server.kill();
            try {
                for (int i = 10; i < 40; i++) {
                    writes.add(desk.incidents().record(NODE, detection(i), Instant.now()));
                    Thread.sleep(20);
                }
                awaitSpooled(desk, 30);
                assertFalse(writes.getLast().isDone(), "not recorded until it is in the store");
            } finally {
                server.restart();
            }
            long previous = 0;
            for (CompletableFuture<Recorded> write : writes) {
                Recorded recorded = write.get(30, TimeUnit.SECONDS);
                assertTrue(recorded.isNew());
                assertTrue(recorded.incident().id() > previous, "in the order they arrived");
                previous = recorded.incident().id();
            }
            assertEquals(0, desk.incidents().spooled());
            assertEquals(40, desk.incidents().count());
            assertTrue(desk.verify().intact(), () -> desk.verify().problems().toString());
        }
    }

    /** An outage in which nothing waited (a quiet site) ends when the store answers again, not at the next write. */
    @Test
    void anOutageWithNothingWaitingEndsWhenTheStoreIsBack() throws Exception {
        PostgresServer server = PostgresServer.get();
        SharedStore shared = server.newDatabase();
        try (Storage desk = Storage.open(deskA, shared)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            desk.listenToOutages(new Outage.Listener() {
                @Override
                public void began(Outage outage, Instant at, String reason) {
                    heard.add("began " + outage);
                }

                @Override
                public void ended(Outage outage, String reason, Instant since, Instant at, int waited) {
                    heard.add("ended " + outage + ", " + waited + " waited");
                }
            });
            server.kill();
            try {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> desk.siteEvents().record(new SiteEvent(null, "Gate 2", SiteEvent.Kind.CAMERA, "OFFLINE", "test", Instant.now())).get(10, TimeUnit.SECONDS));
                assertEquals(Optional.of(Outage.UNREACHABLE), desk.outage(), refused.getCause().toString());
            } finally {
                server.restart();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (desk.outage().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(Optional.empty(), desk.outage(), "ended with no write");
            assertEquals(List.of("began UNREACHABLE", "ended UNREACHABLE, 0 waited"), heard);
        }
    }

    /** A recorder killed while its incidents wait in the spool: they are forwarded at its next start, and one the store refuses is set aside. */
    @Test
    void aKillWhileSpoolingLosesNothingSpooled() throws Exception {
        PostgresServer server = PostgresServer.get();
        SharedStore shared = server.newDatabase();
        Process recorder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpoolWhileDown.class.getName(), deskA.toString(), shared.toString(),
                shared.password(), "25").redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(recorder.getInputStream()));
            awaitLine(output, "open");
            server.kill();
            recorder.getOutputStream().write('\n');
            recorder.getOutputStream().flush();
            awaitLine(output, "spooled");
        } finally {
            recorder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            server.restart();
        }
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + shared.host() + ":" + shared.port() + "/" + shared.database(),
                shared.user(), shared.password()); Statement sql = admin.createStatement()) {
            sql.execute("ALTER TABLE incident ADD CONSTRAINT not_1010 CHECK (object_id <> 1010)"); // a store that refuses one of them
        }
        try (Storage restarted = Storage.open(deskA, shared)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (restarted.incidents().count() < 24 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(24, restarted.incidents().count());
            List<Long> objects = restarted.incidents().search(new IncidentQuery(null, null, null, null, null, null, null, null), null, 100)
                    .incidents().stream().sorted(java.util.Comparator.comparingLong(Incident::id)).map(Incident::objectId).toList();
            assertEquals(java.util.stream.LongStream.range(1000, 1025).filter(id -> id != 1010).boxed().toList(), objects,
                    "in the order they arrived, the refused one set aside rather than holding up the rest");
            assertEquals(0, restarted.incidents().spooled());
            assertTrue(restarted.verify().intact(), () -> restarted.verify().problems().toString());
        }
        Spool rejected = Spool.open(deskA.resolve("spool").resolve("incidents.rejected"));
        assertEquals(List.of(1010L), rejected.head(10).stream().map(entry -> entry.detection().objectId()).toList(), "kept, not lost");
        rejected.close();
    }

    private static void awaitLine(BufferedReader output, String expected) throws Exception {
        String line;
        while ((line = output.readLine()) != null && !line.equals(expected)) {
            // the child's log
        }
        assertEquals(expected, line);
    }

    private static void awaitSpooled(Storage desk, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (desk.incidents().spooled() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, desk.incidents().spooled());
    }

    /** No password given: the driver looks in the password file, as libpq does (PGPASSFILE, else ~/.pgpass). */
    @Test
    void withoutAPasswordTheDriverReadsThePasswordFile() throws Exception {
        SharedStore database = PostgresServer.get().newDatabase();
        Path passwords = deskA.resolve("pgpass");
        java.nio.file.Files.writeString(passwords, database.host() + ":" + database.port() + ":" + database.database() + ":"
                + database.user() + ":" + database.password() + "\n");
        java.nio.file.Files.setPosixFilePermissions(passwords, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        SharedStore withoutPassword = SharedStore.parse(database.toString(), null);
        String before = System.getProperty("org.postgresql.pgpassfile"); // the driver's name for what PGPASSFILE says
        System.setProperty("org.postgresql.pgpassfile", passwords.toString());
        try (Storage storage = Storage.open(deskB, withoutPassword)) {
            assertEquals(0, storage.incidents().count());
        } finally {
            if (before == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", before);
            }
        }
    }

    @Test
    void anAddressIsReadAsLibpqWritesItAndNeverShowsItsPassword() {
        SharedStore store = SharedStore.parse("postgresql://db.site:5433/vigil?user=desk&sslmode=require", "s3cret");
        assertEquals(new SharedStore("db.site", 5433, "vigil", "desk", Map.of("sslmode", "require"), "s3cret"), store);
        assertEquals("jdbc:postgresql://db.site:5433/vigil?sslmode=require", store.jdbcUrl());
        assertEquals("postgresql://db.site:5433/vigil?user=desk&sslmode=require", store.toString());
        assertFalse(store.toString().contains("s3cret"));
        SharedStore byDefault = SharedStore.parse("postgres://[::1]/vigil?user=desk", null);
        assertEquals(5432, byDefault.port());
        assertEquals("jdbc:postgresql://[::1]:5432/vigil", byDefault.jdbcUrl());
        assertNull(byDefault.password());
    }

    @Test
    void aWrongAddressIsRefusedInWords() {
        Map<String, String> refusals = Map.of(
                "mysql://db/vigil?user=a", "is not a PostgreSQL one",
                "postgresql://db/vigil", "names no user: add ?user=NAME",
                "postgresql://db:5432/?user=a", "names no database",
                "postgresql://desk:pw@db/vigil?user=a", "names no host (and takes no user@ or password",
                "postgresql://db/vigil?user=a&password=pw", "must not hold the password",
                "postgresql://db/vigil?user", "has a parameter without a value",
                "postgresql://db /vigil", "is not an address");
        refusals.forEach((address, reason) -> {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SharedStore.parse(address, null));
            assertTrue(refused.getMessage().contains(reason), address + ": " + refused.getMessage());
        });
    }

    @Test
    void aWrongPasswordIsToldAsSuch() {
        SharedStore database = PostgresServer.get().newDatabase();
        SharedStore wrong = new SharedStore(database.host(), database.port(), database.database(), database.user(), Map.of(), "wrong");
        SharedStoreUnreachableException refused = assertThrows(SharedStoreUnreachableException.class, () -> Storage.open(deskA, wrong));
        assertTrue(refused.getMessage().startsWith("cannot reach the shared store " + wrong + ": "), refused.getMessage());
        assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
    }
}
