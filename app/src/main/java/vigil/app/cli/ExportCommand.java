package vigil.app.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.app.evidence.EvidencePackage;
import vigil.app.evidence.SigningKey;
import vigil.app.operators.Accounts;
import vigil.app.operators.Desk;
import vigil.app.operators.SignIn;
import vigil.storage.Right;
import vigil.storage.Storage;

/** {@code vigil export}: a signed evidence package of the incidents that match, made by a supervisor. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a signed evidence package (pictures, clips, CSV, JSON, HTML report, hashed manifest) of the incidents that match."
                + " Needs a supervisor or an admin; exit 2 when refused.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    IncidentFilters filters;

    @Option(names = "--out", paramLabel = "FILE.zip", required = true, description = "The package to write.")
    Path out;

    @Option(names = "--operator", paramLabel = "NAME", required = true,
            description = "The supervisor or admin exporting: the export is recorded under this name.")
    String operator;

    @Mixin
    PasswordInput password;

    @Override
    public Integer call() throws Exception {
        char[] typed = password.read("Password for " + Accounts.normalName(operator), false, spec.commandLine());
        try (Storage storage = data.open()) {
            SignIn signIn = new Accounts(storage.operators(), storage.siteEvents()).signIn(operator, typed, Instant.now());
            if (signIn instanceof SignIn.Refused refused) {
                Thread.sleep(refused.nextTryIn()); // a wrong password costs its delay here too
                System.err.println("vigil export: refused: " + refused.reason());
                return 2;
            }
            var exporter = ((SignIn.Accepted) signIn).operator();
            String refusal = Desk.refusal(exporter, Right.EXPORT_EVIDENCE);
            if (refusal != null) {
                System.err.println("vigil export: refused: " + refusal);
                return 2;
            }
            SigningKey key = SigningKey.of(storage.directory());
            int[] last = {0};
            int count = EvidencePackage.export(storage, filters.query(), out, exporter.name(), key, done -> {
                if (done - last[0] >= 100) {
                    System.err.print("\rexporting: " + done + " incidents");
                    last[0] = done;
                }
            });
            System.err.print(last[0] > 0 ? "\r" : "");
            System.out.println("exported " + count + " incident" + (count == 1 ? "" : "s") + " to " + out.toAbsolutePath()
                    + ", signed by " + SigningKey.fingerprint(key.publicKey()));
        } catch (java.io.IOException e) {
            System.err.println("vigil export: no package written: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
