package vigil.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import vigil.protocol.link.NodeAddress;
import vigil.storage.testing.Database;
import vigil.protocol.testing.TestJpegs;
import vigil.protocol.wire.Area;
import vigil.protocol.wire.EventType;
import vigil.protocol.wire.FirstDetection;
import vigil.protocol.wire.NodeTimestamp;
import vigil.protocol.wire.ObjectClass;

/**
 * End-to-end store figures (docs/BENCHMARKS.md), on H2 and on PostgreSQL side by side in one run:
 * sustained incident inserts per second with 3 KB pictures through the real writer (durable,
 * chained), then, on a database of a million incidents, the time to open it and the latency of
 * review-page queries under filters; last, on PostgreSQL, from an acknowledgement at one desk to
 * the other desk hearing of it. {@code ./mvnw -pl storage -am -DskipTests -Pstore-benchmark verify};
 * other sizes through {@code -Dbench.args='-Dbench.incidents=100000 -Dbench.inserts=6000'}, one
 * database through {@code -Dbench.databases=h2}.
 */
public final class StorageBenchmark {
    private static final NodeAddress NODE = new NodeAddress("10.0.0.7", 5100);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int inserts = Integer.getInteger("bench.inserts", 20_000);
        int incidents = Integer.getInteger("bench.incidents", 1_000_000);
        Path root = Files.createTempDirectory("vigil-bench");
        System.out.printf("machine: %d cores, %s; JDK %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), Runtime.version());
        List<Database> databases = Arrays.stream(System.getProperty("bench.databases", "h2,postgresql").split(","))
                .map(name -> Database.valueOf(name.strip().toUpperCase())).toList();
        for (Database database : databases) {
            insertRate(database, root.resolve("inserts-" + database), inserts);
        }
        for (Database database : databases) {
            queries(database, root.resolve("million-" + database), incidents);
        }
        if (databases.contains(Database.POSTGRESQL)) {
            acknowledgementsBetweenDesks(root.resolve("desk-a"), root.resolve("desk-b"));
        }
    }

    /** Desk A acknowledges incidents one at a time; desk B times from each call to hearing of it. */
    private static void acknowledgementsBetweenDesks(Path deskA, Path deskB) throws Exception {
        SharedStore shared = Database.POSTGRESQL.shared(deskA);
        try (Storage a = Storage.open(deskA, shared); Storage b = Storage.open(deskB, shared)) {
            int count = 300;
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count + 50; i++) {
                ids.add(a.incidents().record(NODE, new FirstDetection(EventType.UNAUTH, 5_000_000 + i, ObjectClass.PERSON, 1, 1,
                        Area.RWY_A, NodeTimestamp.of(T0), null, TestJpegs.jpeg(3072, i)), Instant.now()).get().incident().id());
            }
            java.util.concurrent.BlockingQueue<Long> heard = new java.util.concurrent.LinkedBlockingQueue<>();
            b.listenToOtherDesks(new IncidentStore.Listener() {
                @Override
                public void recorded(Incident incident, vigil.protocol.wire.Jpeg picture) {
                }

                @Override
                public void acted(Incident incident, IncidentAction action) {
                    heard.add(System.nanoTime());
                }
            });
            Thread.sleep(1_000);
            double[] millis = new double[count];
            for (int i = 0; i < count + 50; i++) {
                long start = System.nanoTime();
                a.incidents().act(ids.get(i), ActionKind.ACKNOWLEDGE, "ana", null);
                Long at = heard.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("desk B never heard of acknowledgement " + i);
                }
                if (i >= 50) { // the first 50 warm up
                    millis[i - 50] = (at - start) / 1e6;
                }
                Thread.sleep(10);
            }
            Arrays.sort(millis);
            System.out.printf("acknowledgement at desk A to desk B hearing of it: p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d%n",
                    millis[count / 2], millis[count * 95 / 100], millis[count - 1], count);
        }
    }

    /** Submits every insert at once, as a busy site would, and times until the last is durable. */
    private static void insertRate(Database database, Path dir, int count) throws Exception {
        List<FirstDetection> detections = new ArrayList<>(count);
        Random random = new Random(1);
        for (int i = 0; i < count; i++) {
            detections.add(new FirstDetection(EventType.values()[random.nextInt(3)], 1_000_000 + i,
                    ObjectClass.values()[random.nextInt(8)], random.nextInt(960), random.nextInt(720),
                    Area.ZONES.get(random.nextInt(8)), NodeTimestamp.of(T0), null, TestJpegs.jpeg(3072, i)));
        }
        try (Storage storage = database.open(dir)) {
            for (int warmUp = 0; warmUp < 2_000; warmUp++) {
                storage.incidents().record(NODE, detections.get(warmUp), Instant.now()).get();
            }
            long start = System.nanoTime();
            List<CompletableFuture<Recorded>> pending = new ArrayList<>(count);
            for (FirstDetection detection : detections.subList(2_000, count)) {
                pending.add(storage.incidents().record(NODE, detection, Instant.now()));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s inserts: %d incidents with 3 KB images in %.2f s = %.0f per second (durable, chained)%n",
                    database, count - 2_000, seconds, (count - 2_000) / seconds);
        }
    }

    private static void queries(Database database, Path dir, int count) throws Exception {
        long start = System.nanoTime();
        try (Storage storage = database.open(dir)) {
            storage.incidents().record(NODE, new FirstDetection(EventType.HAZARD, 1, ObjectClass.FOD, 1, 1, Area.RWY_A,
                    NodeTimestamp.of(T0), null, TestJpegs.jpeg(3072, 1)), T0).get();
            storage.incidents().act(1, ActionKind.NOTE, "ana", "fence gap near gate 4").get();
        }
        generate(database, dir, count);
        System.out.printf("%s: generated %d incidents in %.1f s%n", database, count, (System.nanoTime() - start) / 1e9);

        double[] opens = new double[5];
        for (int i = 0; i < opens.length; i++) {
            long opening = System.nanoTime();
            try (Storage storage = database.open(dir)) {
                storage.incidents().search(IncidentQuery.ALL, null, 1);
                opens[i] = (System.nanoTime() - opening) / 1e6;
            }
        }
        Arrays.sort(opens);
        System.out.printf(database + " open (to the first page): median %.0f ms of %d (min %.0f, max %.0f)%n",
                opens[opens.length / 2], opens.length, opens[0], opens[opens.length - 1]);

        try (Storage storage = database.open(dir)) {
            IncidentStore store = storage.incidents();
            Random random = new Random(2);
            Instant end = T0.plus(Duration.ofSeconds(count * 30L));
            List<Supplier<IncidentQuery>> filters = List.of(
                    () -> IncidentQuery.ALL,
                    () -> query(null, null, Set.of(), Set.of(), Set.of(Area.ZONES.get(random.nextInt(8))), Set.of(), null),
                    () -> query(null, null, Set.of(), Set.of(ObjectClass.values()[random.nextInt(8)]), Set.of(), Set.of(IncidentState.NEW), null),
                    () -> query(null, null, Set.of(IncidentType.RESCUE), Set.of(), Set.of(), Set.of(), null),
                    () -> {
                        Instant from = T0.plus(Duration.ofSeconds(random.nextLong(count * 30L)));
                        return query(from, from.plus(Duration.ofDays(1)), Set.of(), Set.of(), Set.of(), Set.of(), null);
                    },
                    () -> query(null, null, Set.of(), Set.of(), Set.of(), Set.of(), "gate 4"));
            String[] names = {"newest", "zone", "class+state", "rescues", "one day", "note text"};
            for (int round = 0; round < 2; round++) { // the first round warms up
                List<Double> all = new ArrayList<>();
                StringBuilder perFilter = new StringBuilder();
                for (int f = 0; f < filters.size(); f++) {
                    double[] times = new double[100];
                    for (int i = 0; i < times.length; i++) {
                        IncidentQuery query = filters.get(f).get();
                        IncidentPage.Cursor after = random.nextBoolean() ? null
                                : new IncidentPage.Cursor(T0.plus(Duration.ofSeconds(random.nextLong(count * 30L))), Long.MAX_VALUE);
                        long t = System.nanoTime();
                        store.search(query, after, 50);
                        times[i] = (System.nanoTime() - t) / 1e6;
                        all.add(times[i]);
                    }
                    Arrays.sort(times);
                    perFilter.append(String.format("%s p50 %.1f / p95 %.1f ms; ", names[f], times[49], times[94]));
                }
                all.sort(null);
                if (round == 1) {
                    System.out.printf(database + " page of 50 on %d incidents: p50 %.1f ms, p95 %.1f ms over %d queries%n  %s%n",
                            count, all.get(all.size() / 2), all.get(all.size() * 95 / 100), all.size(), perFilter);
                }
            }
            long t = System.nanoTime();
            store.statistics(IncidentQuery.ALL);
            System.out.printf(database + " statistics (by zone, class, hour) over everything: %.0f ms%n", (System.nanoTime() - t) / 1e6);
        }
    }

    private static IncidentQuery query(Instant since, Instant until, Set<IncidentType> events, Set<ObjectClass> classes,
                                       Set<Area> zones, Set<IncidentState> states, String note) {
        return new IncidentQuery(since, until, events, classes, zones, states, null, note);
    }

    /** A million rows in one statement inside the database: one every 30 s, classes, zones, states and events spread. */
    private static void generate(Database database, Path dir, int count) throws Exception {
        try (Connection jdbc = database.connect(dir); Statement sql = jdbc.createStatement()) {
            if (database == Database.POSTGRESQL) {
                sql.execute("""
                        INSERT INTO incident (node_id, event_type, object_id, object_class, map_x, map_y, zone,
                            node_timestamp_text, node_time, received_at, rescue_level, image_sha256, state, priority, evidence_hold)
                        SELECT 1,
                            CASE x %% 10 WHEN 0 THEN 'RESCUE' WHEN 1 THEN 'HAZARD' WHEN 2 THEN 'HAZARD' ELSE 'UNAUTH' END,
                            x + 10,
                            (ARRAY['BIRD','FOD','PERSON','ANIMAL','AIRPLANE','VEHICLE','WORK_PERSON','WORK_VEHICLE'])[(x * 7) %% 8 + 1],
                            (x * 13) %% 960, (x * 17) %% 720,
                            (ARRAY['TWY_A','TWY_B','TWY_C','TWY_D','RWY_A','RWY_B','GRASS_A','GRASS_B'])[(x * 3) %% 8 + 1],
                            '2026-01-01T00:00:00Z', TIMESTAMPTZ '2026-01-01 00:00:00+00',
                            TIMESTAMPTZ '2026-01-01 00:00:00+00' + x * INTERVAL '30 seconds',
                            NULL, (SELECT image_sha256 FROM incident WHERE id = 1),
                            CASE WHEN x > %d THEN 'NEW' WHEN x %% 7 = 0 THEN 'FALSE_ALARM' ELSE 'RESOLVED' END,
                            CASE x %% 10 WHEN 0 THEN 3 WHEN 1 THEN 2 WHEN 2 THEN 2 ELSE 1 END, FALSE
                        FROM generate_series(1, %d) AS x
                        """.formatted(count - 2_000, count - 1));
                sql.execute("ANALYZE"); // as autovacuum would soon after
                return;
            }
            sql.execute("""
                    INSERT INTO incident (node_id, event_type, object_id, object_class, map_x, map_y, zone,
                        node_timestamp_text, node_time, received_at, rescue_level, image_sha256, state, priority, evidence_hold)
                    SELECT 1,
                        CASE MOD(X, 10) WHEN 0 THEN 'RESCUE' WHEN 1 THEN 'HAZARD' WHEN 2 THEN 'HAZARD' ELSE 'UNAUTH' END,
                        X + 10,
                        ARRAY['BIRD','FOD','PERSON','ANIMAL','AIRPLANE','VEHICLE','WORK_PERSON','WORK_VEHICLE'][MOD(X * 7, 8) + 1],
                        MOD(X * 13, 960), MOD(X * 17, 720),
                        ARRAY['TWY_A','TWY_B','TWY_C','TWY_D','RWY_A','RWY_B','GRASS_A','GRASS_B'][MOD(X * 3, 8) + 1],
                        '2026-01-01T00:00:00Z', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00',
                        DATEADD(SECOND, X * 30, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'),
                        NULL, (SELECT image_sha256 FROM incident WHERE id = 1),
                        CASE WHEN X > %d THEN 'NEW' WHEN MOD(X, 7) = 0 THEN 'FALSE_ALARM' ELSE 'RESOLVED' END,
                        CASE MOD(X, 10) WHEN 0 THEN 3 WHEN 1 THEN 2 WHEN 2 THEN 2 ELSE 1 END, FALSE
                    FROM SYSTEM_RANGE(1, %d)
                    """.formatted(count - 2_000, count - 1));
        }
    }
}
