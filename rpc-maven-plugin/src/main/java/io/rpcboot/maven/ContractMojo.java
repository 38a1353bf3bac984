package io.rpcboot.maven;

import java.io.File;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractJson;

/**
 * Writes the contract of the module's service interfaces ({@code @RpcClient} interfaces
 * and the interfaces {@code @RpcService} classes export) to
 * {@code target/rpc-contract.json}, and attaches it to the build with the classifier
 * {@code rpc-contract}, so that {@code install} and {@code deploy} publish it beside the
 * jar.
 */
@Mojo(name = "contract", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class ContractMojo extends AbstractContractMojo {

    /** The classifier of the attached contract. */
    static final String CLASSIFIER = "rpc-contract";

    /** The type (extension) of the attached contract. */
    static final String TYPE = "json";

    /** The file the contract is written to. */
    @Parameter(property = "rpc.contract.output", defaultValue = "${project.build.directory}/rpc-contract.json",
            required = true)
    private File output;

    /**
     * Whether to attach the contract to the build, with the classifier
     * {@code rpc-contract}.
     */
    @Parameter(property = "rpc.contract.attach", defaultValue = "true")
    private boolean attach;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException {
        if (this.skip) {
            getLog().info("Skipping the rpc contract");
            return;
        }
        Contract contract = currentContract();
        ContractJson.write(contract, this.output.toPath());
        getLog()
            .info("Wrote the contract of " + contract.services().size() + " service interface(s) to " + this.output);
        if (this.attach) {
            this.projectHelper.attachArtifact(this.project, TYPE, CLASSIFIER, this.output);
        }
    }

}
