package vigil.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.app.evidence.EvidencePackage;
import vigil.storage.AuditReport;
import vigil.storage.DataDirectory;
import vigil.storage.Storage;

/** {@code vigil verify}: checks an evidence package, or the incident database itself, for tampering. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check an evidence package (FILE.zip) or the incident database (--data) for tampering; exit 1 naming what fails.")
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.zip", arity = "0..1", description = "An evidence package from vigil export.")
    Path zip;

    @Option(names = "--data", paramLabel = "DIR", description = "Verify the incident database in this directory instead.")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (zip != null) {
            Map<String, String> checked = new LinkedHashMap<>();
            List<String> problems = EvidencePackage.verify(zip, checked);
            return report(problems, "checked " + checked.size() + " files of " + zip + " against its manifest, and the manifest itself");
        }
        try (Storage storage = Storage.open(DataDirectory.resolve(data, System.getenv()))) {
            AuditReport report = storage.verify();
            return report(report.problems(), "checked " + report.images() + " images, " + report.clips() + " clips, " + report.entries()
                    + " audit entries and " + report.incidents() + " incidents in " + storage.directory());
        }
    }

    private static int report(List<String> problems, String checked) {
        problems.forEach(problem -> System.out.println("FAILED: " + problem));
        System.out.println((problems.isEmpty() ? "OK: " : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "; ") + checked);
        return problems.isEmpty() ? 0 : 1;
    }
}
