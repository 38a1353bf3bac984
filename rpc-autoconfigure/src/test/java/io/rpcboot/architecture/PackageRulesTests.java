package io.rpcboot.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package map of ../shared/DESIGN.md (Layout), kept true: dependencies point
 * downwards, transport code (everything under io.rpcboot.internal) never imports Spring
 * Boot, and there are no cycles between packages, sub-packages included.
 */
@AnalyzeClasses(packages = "io.rpcboot", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTests {

    @ArchTest
    static final ArchRule transportDoesNotImportSpringBoot = noClasses().that()
        .resideInAnyPackage("io.rpcboot.internal..", "io.rpcboot", "io.rpcboot.annotation..",
                "io.rpcboot.observation..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.boot..");

    @ArchTest
    static final ArchRule sharedInternalsDependOnNothingOfRpcboot = noClasses().that()
        .resideInAPackage("io.rpcboot.internal")
        .should()
        .dependOnClassesThat(resideInAPackage("io.rpcboot..").and(not(resideInAPackage("io.rpcboot.internal"))));

    @ArchTest
    static final ArchRule dependenciesPointDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Api")
        .definedBy("io.rpcboot")
        .layer("Annotations")
        .definedBy("io.rpcboot.annotation..")
        .layer("SharedInternals")
        .definedBy("io.rpcboot.internal")
        .layer("Protocol")
        .definedBy("io.rpcboot.internal.protocol..")
        .layer("Server")
        .definedBy("io.rpcboot.internal.server")
        .layer("Http")
        .definedBy("io.rpcboot.internal.server.http..")
        .layer("Client")
        .definedBy("io.rpcboot.internal.client..")
        .layer("Observation")
        .definedBy("io.rpcboot.observation..")
        .layer("AutoConfiguration")
        .definedBy("io.rpcboot.autoconfigure..")
        .whereLayer("AutoConfiguration")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Http")
        .mayOnlyBeAccessedByLayers("AutoConfiguration")
        .whereLayer("Server")
        .mayOnlyBeAccessedByLayers("Http", "AutoConfiguration")
        .whereLayer("Client")
        .mayOnlyBeAccessedByLayers("AutoConfiguration")
        .whereLayer("Observation")
        .mayOnlyBeAccessedByLayers("AutoConfiguration")
        .whereLayer("Protocol")
        .mayOnlyBeAccessedByLayers("Server", "Http", "Client", "AutoConfiguration")
        .whereLayer("Annotations")
        .mayOnlyBeAccessedByLayers("Client", "Server", "Http", "AutoConfiguration")
        .whereLayer("SharedInternals")
        .mayOnlyBeAccessedByLayers("Api", "Protocol", "Server", "Http", "Client", "AutoConfiguration")
        .whereLayer("Api")
        .mayOnlyBeAccessedByLayers("SharedInternals", "Protocol", "Server", "Http", "Client", "Observation",
                "AutoConfiguration");

    /**
     * Every package is a slice of its own, sub-packages included: {@code server} and
     * {@code server.http} too.
     */
    @ArchTest
    static final ArchRule noCycles = slices().matching("io.rpcboot.(**)").should().beFreeOfCycles();

}
