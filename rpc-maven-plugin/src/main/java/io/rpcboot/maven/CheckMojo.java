package io.rpcboot.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.contract.BreakingChange;
import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractComparison;
import io.rpcboot.internal.contract.ContractJson;

/**
 * Compares the contract of the module's service interfaces with a baseline (a committed
 * file, or the contract attached to a released version) and fails the build when a change
 * breaks callers built against the baseline, naming each method and the rule it breaks.
 * Additions (services, methods, overloads, result properties) pass.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractContractMojo {

    /** The baseline contract file, usually committed beside the sources. */
    @Parameter(property = "rpc.contract.baseline", defaultValue = "${project.basedir}/src/main/rpc/rpc-contract.json",
            required = true)
    private File baseline;

    /**
     * The released version to compare with instead of the baseline file: its contract
     * artifact (classifier {@code rpc-contract}, type {@code json}), as
     * {@code groupId:artifactId:version}, or a version of this module.
     */
    @Parameter(property = "rpc.contract.baselineArtifact")
    private @Nullable String baselineArtifact;

    /**
     * Writes the current contract to the baseline file instead of checking it: accepts
     * every change, breaking ones included.
     */
    @Parameter(property = "rpc.contract.update", defaultValue = "false")
    private boolean update;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (this.skip) {
            getLog().info("Skipping the rpc contract check");
            return;
        }
        Contract current = currentContract();
        if (this.update) {
            ContractJson.write(current, this.baseline.toPath());
            getLog().info("Wrote the contract of " + current.services().size() + " service interface(s) to "
                    + this.baseline + "; commit it");
            return;
        }
        Path baselineFile = baselineFile();
        Contract previous;
        try {
            previous = ContractJson.read(baselineFile);
        }
        catch (RuntimeException ex) {
            throw new MojoExecutionException("cannot read the contract baseline: " + ex.getMessage(), ex);
        }
        List<BreakingChange> changes = ContractComparison.breakingChanges(previous, current);
        if (changes.isEmpty()) {
            getLog().info("The contract of " + current.services().size() + " service interface(s) keeps callers of "
                    + baselineFile + " working");
            return;
        }
        StringBuilder message = new StringBuilder().append(changes.size())
            .append((changes.size() == 1) ? " change breaks" : " changes break")
            .append(" callers built against ")
            .append(baselineFile)
            .append(':');
        for (BreakingChange change : changes) {
            getLog().error("Breaking change: " + change);
            message.append(System.lineSeparator()).append("  ").append(change);
        }
        message.append(System.lineSeparator())
            .append((changes.size() == 1) ? "Revert it" : "Revert them")
            .append(", or make the break on purpose (a new major version) and accept the current")
            .append(" contract with -Drpc.contract.update=true (see docs/contracts.md)");
        throw new MojoFailureException(message.toString());
    }

    private Path baselineFile() throws MojoExecutionException, MojoFailureException {
        if (this.baselineArtifact != null && !this.baselineArtifact.isBlank()) {
            return resolve(this.baselineArtifact.trim());
        }
        if (!this.baseline.isFile()) {
            throw new MojoFailureException("No contract baseline at " + this.baseline
                    + " (parameter 'baseline', property rpc.contract.baseline): write it from the current classes"
                    + " with -Drpc.contract.update=true and commit it, or compare with a released version with"
                    + " -Drpc.contract.baselineArtifact=<version>");
        }
        return this.baseline.toPath();
    }

    private Path resolve(String coordinates) throws MojoExecutionException {
        String[] parts = coordinates.split(":", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new MojoExecutionException(
                    "baselineArtifact '" + coordinates + "' is neither groupId:artifactId:version nor a version");
        }
        DefaultArtifact artifact = (parts.length == 1)
                ? new DefaultArtifact(this.project.getGroupId(), this.project.getArtifactId(), ContractMojo.CLASSIFIER,
                        ContractMojo.TYPE, parts[0])
                : new DefaultArtifact(parts[0], parts[1], ContractMojo.CLASSIFIER, ContractMojo.TYPE, parts[2]);
        ArtifactRequest request = new ArtifactRequest(artifact, this.project.getRemoteProjectRepositories(), null);
        try {
            File file = this.repositorySystem.resolveArtifact(this.session.getRepositorySession(), request)
                .getArtifact()
                .getFile();
            getLog().info("Comparing with the contract of " + artifact);
            return file.toPath();
        }
        catch (ArtifactResolutionException ex) {
            throw new MojoExecutionException("cannot resolve the baseline contract " + artifact
                    + " (parameter 'baselineArtifact'): " + ex.getMessage(), ex);
        }
    }

}
