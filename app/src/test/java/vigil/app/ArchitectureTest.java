package vigil.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * JavaFX stays in the console: the protocol and the store know nothing of it, and neither does
 * anything the headless commands run ({@code vigil record} and its recorder, the camera readers,
 * evidence packages, alerts, the other commands), however indirectly.
 */
class ArchitectureTest {
    private static final JavaClasses VIGIL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vigil");

    @Test
    void protocolAndStorageKnowNoJavaFx() {
        noClasses().that().resideInAnyPackage("vigil.protocol..", "vigil.storage..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(VIGIL);
    }

    @Test
    void theHeadlessCommandsReachNoJavaFxEvenIndirectly() {
        noClasses().that().resideInAnyPackage("vigil.app.cli..", "vigil.app.recording..", "vigil.app.camera..", "vigil.app.evidence..",
                        "vigil.app.operators..", "vigil.app.alerts..")
                .should().transitivelyDependOnClassesThat().resideInAPackage("javafx..")
                .because("vigil record runs where there is no display, and must never need JavaFX")
                .check(VIGIL);
    }
}
