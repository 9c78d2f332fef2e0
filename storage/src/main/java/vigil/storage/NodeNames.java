package vigil.storage;

import static vigil.storage.schema.Tables.NODE;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import vigil.protocol.link.NodeAddress;

/**
 * The names operators give nodes ("North apron"), kept with the node in the store (so every desk of
 * a shared store shows the same), and what the console and exports show for a node: its name, with
 * the address as detail, or the address where none was given. Reads any thread; a rename goes
 * through the writer, sealed in the operator log.
 */
public final class NodeNames {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._'()/-]{0,59}");

    /** A node the store knows: heard from, or named before it was. {@code name} is null where none was given. */
    public record Known(NodeAddress address, String name, Instant firstSeen, Instant lastSeen) {
    }

    private final DSLContext ctx;
    private final StorageWriter writer;
    private volatile Map<NodeAddress, String> chosen;

    NodeNames(DSLContext ctx, StorageWriter writer) {
        this.ctx = ctx;
        this.writer = writer;
        this.chosen = read();
    }

    /** The nodes with a name of their own, as the store had them when it opened or was last renamed here. */
    public Map<NodeAddress, String> chosen() {
        return chosen;
    }

    /** Every node the store knows, by address. */
    public List<Known> known() {
        return ctx.selectFrom(NODE).orderBy(NODE.HOST, NODE.PORT).fetch(row -> {
            NodeAddress address = new NodeAddress(row.getHost(), row.getPort());
            return new Known(address, row.getName().equals(address.toString()) ? null : row.getName(),
                    row.getFirstSeen().toInstant(), row.getLastSeen().toInstant());
        });
    }

    /** The node's name, or its address when it has none. */
    public String of(NodeAddress node) {
        return chosen.getOrDefault(node, node.toString());
    }

    /** "North apron (10.0.0.7:5100)", or the address alone. */
    public String withAddress(NodeAddress node) {
        String name = chosen.get(node);
        return name == null ? node.toString() : name + " (" + node + ")";
    }

    /** Where an incident came from, in words: "node North apron (10.0.0.5:8000)", or "camera Gate 3, reported by ada". */
    public String source(Incident incident) {
        return incident.isOperatorReport() ? "camera " + incident.camera() + ", reported by " + incident.reportedBy()
                : "node " + withAddress(incident.node());
    }

    /**
     * Names {@code node} (one not yet heard from too), {@code by} an operator; a blank name takes the
     * name away. Fails with an {@link IllegalArgumentException} naming what a name may hold.
     */
    public CompletableFuture<Void> name(NodeAddress node, String name, String by) {
        String given = checked(name);
        String stored = given.isEmpty() ? node.toString() : given;
        return writer.submit((tx, chain) -> {
            var now = IncidentStore.time(Instant.now().truncatedTo(ChronoUnit.MICROS));
            tx.insertInto(NODE).set(NODE.NAME, stored).set(NODE.HOST, node.host()).set(NODE.PORT, node.port())
                    .set(NODE.FIRST_SEEN, now).set(NODE.LAST_SEEN, now).onDuplicateKeyIgnore().execute();
            tx.update(NODE).set(NODE.NAME, stored).where(NODE.HOST.eq(node.host()), NODE.PORT.eq(node.port())).execute();
            OperatorStore.append(tx, chain, new OperatorEvent(by, OperatorEvent.Kind.NODE_NAMED, node.toString(),
                    given.isEmpty() ? "no name" : given, Instant.now()));
            return (Void) null;
        }).thenRun(this::refresh);
    }

    /**
     * {@code name} as it would be kept (stripped; empty for none), or an {@link IllegalArgumentException}
     * saying what a name may hold.
     */
    public static String checked(String name) {
        String given = name == null ? "" : name.strip();
        if (!given.isEmpty() && !NAME.matcher(given).matches()) {
            throw new IllegalArgumentException("a node's name is 1 to 60 letters, digits, spaces and . _ ' ( ) / -, starting with a letter"
                    + " or digit: not '" + name + "'");
        }
        return given;
    }

    /** Reads the names again: another desk of a shared store may have renamed a node. */
    void refresh() {
        chosen = read();
    }

    private Map<NodeAddress, String> read() {
        Map<NodeAddress, String> names = new HashMap<>();
        ctx.select(NODE.HOST, NODE.PORT, NODE.NAME).from(NODE).forEach(row -> {
            NodeAddress address = new NodeAddress(row.value1(), row.value2());
            if (!row.value3().equals(address.toString())) {
                names.put(address, row.value3());
            }
        });
        return Map.copyOf(names);
    }
}
