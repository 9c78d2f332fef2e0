package vigil.app.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vigil.storage.Incident;
import vigil.storage.IncidentPage;
import vigil.storage.IncidentQuery;
import vigil.storage.Storage;

/** {@code vigil incidents}: lists recorded incidents, newest first. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "List recorded incidents, newest first.")
public final class IncidentsCommand implements Callable<Integer> {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Mixin
    DataOption data;

    @Mixin
    IncidentFilters filters;

    @Option(names = "--json", description = "One JSON object per incident per line.")
    boolean json;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        IncidentQuery query = filters.query(); // a bad filter is refused before anything is printed
        try (Storage storage = data.open()) {
            if (!json) {
                System.out.printf("%8s  %-19s  %-6s  %-12s  %-7s  %-12s  %-21s  %s%n",
                        "ID", "RECEIVED", "EVENT", "CLASS", "ZONE", "STATE", "NODE", "OBJECT");
            }
            int printed = 0;
            IncidentPage.Cursor cursor = null;
            do {
                IncidentPage page = storage.incidents().search(query, cursor, Math.min(500, limit - printed));
                for (Incident incident : page.incidents()) {
                    System.out.println(json ? IncidentJson.toJson(incident, storage.nodeNames(), storage.incidents().actions(incident.id()),
                            storage.clips().of(incident.id()), clip -> storage.clips().file(clip).toString())
                            : String.format("%8d  %-19s  %-6s  %-12s  %-7s  %-12s  %-21s  %d", incident.id(),
                                    LOCAL.format(incident.receivedAt()), incident.type(), incident.objectClass(), incident.zone(),
                                    incident.state(), incident.isOperatorReport() ? incident.camera() : storage.nodeNames().of(incident.node()),
                                    incident.objectId()));
                    printed++;
                }
                cursor = page.next();
            } while (cursor != null && printed < limit);
        }
        return 0;
    }
}
