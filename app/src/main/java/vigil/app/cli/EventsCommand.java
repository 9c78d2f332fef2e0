package vigil.app.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import vigil.storage.SiteEvent;
import vigil.storage.Storage;

/** {@code vigil events}: the site's events (links, cameras, bird risk, runways, decoder failures), newest last. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List site events (links, cameras, bird risk, runways, decoder failures, sign-ins refused), newest last.")
public final class EventsCommand implements Callable<Integer> {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    DataOption data;

    @Mixin
    PeriodOptions period;

    @Option(names = "--kind", paramLabel = "K", split = ",",
            description = "Only these kinds: link, camera, bird, runway, decoder, sign-in (comma-separated).")
    List<String> kinds = List.of();

    @Option(names = "--source", paramLabel = "NAME", description = "Only from this node (HOST:PORT) or camera (its name).")
    String source;

    @Option(names = "--json", description = "One JSON object per event per line: time, kind, source, state, detail.")
    boolean json;

    @Option(names = "--limit", defaultValue = "10000", description = "The newest this many at most (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        Set<SiteEvent.Kind> wanted = kinds();
        try (Storage storage = data.open()) {
            List<SiteEvent> events = storage.siteEvents().find(period.since(), period.until(), wanted, source, limit).reversed();
            for (SiteEvent event : events) {
                System.out.println(json ? json(event) : String.format("%-19s  %-8s  %-24s  %-10s  %s", LOCAL.format(event.occurredAt()),
                        event.kind().family(), event.source() == null ? "-" : event.source(),
                        event.state() == null ? "-" : event.state(), event.detail()));
            }
        }
        return 0;
    }

    private Set<SiteEvent.Kind> kinds() {
        Set<String> families = Arrays.stream(SiteEvent.Kind.values()).map(SiteEvent.Kind::family).collect(Collectors.toSet());
        for (String kind : kinds) {
            if (!families.contains(kind.toLowerCase())) {
                throw new ParameterException(new picocli.CommandLine(this),
                        "--kind takes " + String.join(", ", families.stream().sorted().toList()) + ": '" + kind + "'");
            }
        }
        return Arrays.stream(SiteEvent.Kind.values())
                .filter(kind -> kinds.stream().anyMatch(family -> family.equalsIgnoreCase(kind.family())))
                .collect(Collectors.toSet());
    }

    static String json(SiteEvent event) {
        return JsonLines.object(json -> {
            json.writeStringField("time", event.occurredAt().toString());
            json.writeStringField("kind", event.kind().family());
            json.writeStringField("source", event.source());
            json.writeStringField("state", state(event));
            json.writeStringField("detail", event.detail());
        });
    }

    /** The state recorded, or for links recorded before states were, the one their kind implies. */
    private static String state(SiteEvent event) {
        if (event.state() != null) {
            return event.state();
        }
        return switch (event.kind()) {
            case LINK_UP -> "ONLINE";
            case LINK_DOWN -> "OFFLINE";
            default -> null;
        };
    }
}
