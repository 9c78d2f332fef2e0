package vigil.app.cli;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.app.evidence.EvidencePackage;
import vigil.app.evidence.SigningKey;
import vigil.storage.AuditReport;
import vigil.storage.Storage;

/** {@code vigil verify}: checks an evidence package, or the incident database itself, for tampering. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check an evidence package (FILE.zip: its signature, then every file) or the incident database (--data or --store) for tampering;"
                + " exit 1 naming what fails.")
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.zip", arity = "0..1", description = "An evidence package from vigil export.")
    Path zip;

    /** Without FILE.zip, the store to verify; with it, the installation whose signature to expect. */
    @Mixin
    DataOption data;

    @Option(names = "--signer", paramLabel = "FINGERPRINT",
            description = "With FILE.zip: the key it must be signed by, as vigil keys prints it (default: this installation's, when it has one).")
    String signer;

    @Override
    public Integer call() throws Exception {
        Path directory = data.directory();
        if (zip != null) {
            EvidencePackage.Verification verification;
            try {
                verification = EvidencePackage.verify(zip);
            } catch (java.io.IOException unreadable) {
                return report(List.of(zip + " is not a zip that can be read: " + unreadable.getMessage()), "nothing checked");
            }
            List<String> problems = new ArrayList<>(verification.problems());
            if (verification.signer() != null) {
                checkSigner(verification.signer(), directory, problems);
            }
            return report(problems, "checked " + verification.checked().size() + " files of " + zip
                    + " against its manifest, and the manifest against its signature and its own hash");
        }
        try (Storage storage = data.open()) {
            AuditReport report = storage.verify();
            return report(report.problems(), "checked " + report.images() + " images, " + report.clips() + " clips, " + report.entries()
                    + " audit entries and " + report.incidents() + " incidents in " + storage.location());
        }
    }

    /** Says who signed, and whether that is who was expected. */
    private void checkSigner(PublicKey key, Path directory, List<String> problems) throws java.io.IOException {
        String actual = SigningKey.fingerprint(key);
        PublicKey local = SigningKey.publicKeyIn(directory);
        String expected = signer != null ? signer.strip().toLowerCase(Locale.ROOT) : local == null ? null : SigningKey.fingerprint(local);
        if (expected == null) {
            System.out.println("signed by " + actual + " (no key here to compare it with: check it against the fingerprint the site published)");
        } else if (expected.equals(actual)) {
            System.out.println("signed by " + actual + (signer == null ? " (this installation)" : ""));
        } else {
            problems.add("signed by " + actual + ", another installation's key, not " + expected
                    + (signer == null ? " (this installation's)" : " (the one asked for)"));
        }
    }

    private static int report(List<String> problems, String checked) {
        problems.forEach(problem -> System.out.println("FAILED: " + problem));
        System.out.println((problems.isEmpty() ? "OK: " : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "; ") + checked);
        return problems.isEmpty() ? 0 : 1;
    }
}
