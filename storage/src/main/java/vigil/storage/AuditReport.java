package vigil.storage;

import java.util.List;

/** What a verification checked (clips: the clip files), and every problem it found (none when the store is intact). */
public record AuditReport(long entries, long images, long incidents, long clips, List<String> problems) {

    public AuditReport {
        problems = List.copyOf(problems);
    }

    public boolean intact() {
        return problems.isEmpty();
    }
}
