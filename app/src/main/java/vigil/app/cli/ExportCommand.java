package vigil.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vigil.app.evidence.EvidencePackage;
import vigil.storage.Storage;

/** {@code vigil export}: an evidence package of the incidents that match. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write an evidence package (pictures, CSV, JSON, HTML report, hashed manifest) of the incidents that match.")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Mixin
    IncidentFilters filters;

    @Option(names = "--out", paramLabel = "FILE.zip", required = true, description = "The package to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (Storage storage = data.open()) {
            int[] last = {0};
            int count = EvidencePackage.export(storage, filters.query(), out, System.getProperty("user.name"), done -> {
                if (done - last[0] >= 100) {
                    System.err.print("\rexporting: " + done + " incidents");
                    last[0] = done;
                }
            });
            System.err.print(last[0] > 0 ? "\r" : "");
            System.out.println("exported " + count + " incident" + (count == 1 ? "" : "s") + " to " + out.toAbsolutePath());
        } catch (java.io.IOException e) {
            System.err.println("vigil export: no package written: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
