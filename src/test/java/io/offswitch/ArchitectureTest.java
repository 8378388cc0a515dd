package io.offswitch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the design asks for, checked on the compiled main code: packages without cycles, an
 * engine that knows nothing of its front ends, and printing only in the CLI.
 */
class ArchitectureTest {
    private static final String CLI = "io.offswitch.cli..";
    private static final String WEB = "io.offswitch.web..";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // Import the main classes directory directly: scanning the whole classpath for the package is slow.
        main = new ClassFileImporter().importUrl(Version.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.offswitch.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void engineDoesNotDependOnCliOrWeb() {
        noClasses().that().resideOutsideOfPackages(CLI, WEB)
                .should().dependOnClassesThat().resideInAnyPackage(CLI, WEB)
                .because("the engine must work as a library, without the CLI or the web viewer")
                .check(main);
    }

    @Test
    void theEngineNamesNoScenario() {
        noClasses().that().resideInAnyPackage("io.offswitch.run..", "io.offswitch.store..", "io.offswitch.report..", "io.offswitch.cli..",
                        "io.offswitch.agent..", "io.offswitch.episode..", "io.offswitch.tool..", "io.offswitch.judge..", "io.offswitch.sandbox..",
                        "io.offswitch.model..", "io.offswitch.inspect..")
                .should().dependOnClassesThat().resideInAPackage("io.offswitch.scenario.*..")
                .because("a scenario is a self-contained unit: adding one touches no engine package (only its line in Scenarios)")
                .check(main);
    }

    @Test
    void scenariosDoNotDependOnEachOther() {
        slices().matching("io.offswitch.scenario.(*)..").should().notDependOnEachOther().check(main);
    }

    @Test
    void onlyTheCliPrints() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("the engine reports through return values, exceptions and listeners; the CLI prints")
                .check(main);
    }

    @Test
    void picocliStaysInTheCli() {
        noClasses().that().resideOutsideOfPackage(CLI)
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(main);
    }
}
