package io.rpcboot.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package map of ../shared/DESIGN.md (Layout), kept true: dependencies point downwards, transport
 * code never imports Spring Boot, and there are no cycles.
 */
@AnalyzeClasses(packages = "io.rpcboot", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTests {

    @ArchTest
    static final ArchRule transportDoesNotImportSpringBoot = noClasses().that()
        .resideInAnyPackage("io.rpcboot.internal.protocol..", "io.rpcboot.internal.server..", "io.rpcboot.internal.client..", "io.rpcboot",
                "io.rpcboot.annotation..", "io.rpcboot.observation..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.boot..");

    @ArchTest
    static final ArchRule dependenciesPointDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Api").definedBy("io.rpcboot")
        .layer("Annotations").definedBy("io.rpcboot.annotation..")
        .layer("Protocol").definedBy("io.rpcboot.internal.protocol..")
        .layer("Server").definedBy("io.rpcboot.internal.server..")
        .layer("Client").definedBy("io.rpcboot.internal.client..")
        .layer("Observation").definedBy("io.rpcboot.observation..")
        .layer("AutoConfiguration").definedBy("io.rpcboot.autoconfigure..")
        .whereLayer("AutoConfiguration").mayNotBeAccessedByAnyLayer()
        .whereLayer("Server").mayOnlyBeAccessedByLayers("AutoConfiguration")
        .whereLayer("Client").mayOnlyBeAccessedByLayers("AutoConfiguration")
        .whereLayer("Observation").mayOnlyBeAccessedByLayers("AutoConfiguration")
        .whereLayer("Protocol").mayOnlyBeAccessedByLayers("Server", "Client", "AutoConfiguration")
        .whereLayer("Annotations").mayOnlyBeAccessedByLayers("Client", "Server", "AutoConfiguration")
        .whereLayer("Api").mayOnlyBeAccessedByLayers("Protocol", "Server", "Client", "Observation",
                "AutoConfiguration");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.rpcboot.(*)..").should().beFreeOfCycles();

}
