package io.rpcboot.maven;

import java.io.File;
import java.util.List;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.rpcboot.internal.contract.Contract;
import io.rpcboot.internal.contract.ContractDescriber;
import io.rpcboot.internal.contract.RpcInterfaces;

/**
 * What both goals share: the module's classes and how they become a contract.
 */
abstract class AbstractContractMojo extends AbstractMojo {

    /** The module. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * The directory of the module's compiled classes, where service interfaces are looked
     * for.
     */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    protected File classesDirectory;

    /** Skips the goal. */
    @Parameter(property = "rpc.contract.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Describes the module's {@code @RpcClient} interfaces and the interfaces of its
     * {@code @RpcService} classes.
     * @return the contract
     * @throws MojoExecutionException when the classpath is not resolved or a class cannot
     * be described
     */
    protected Contract currentContract() throws MojoExecutionException {
        List<String> classpath;
        try {
            classpath = this.project.getCompileClasspathElements();
        }
        catch (DependencyResolutionRequiredException ex) {
            throw new MojoExecutionException("the compile classpath of " + this.project.getId() + " is not resolved",
                    ex);
        }
        try {
            return ModuleClasses.withClasses(this.classesDirectory, classpath, getLog()::warn, (classes) -> {
                List<Class<?>> interfaces = RpcInterfaces.of(classes);
                getLog().debug("service interfaces: " + interfaces);
                return ContractDescriber.withDefaultMapper().describe(interfaces);
            });
        }
        catch (RuntimeException | LinkageError ex) {
            throw new MojoExecutionException(
                    "cannot describe the service interfaces of " + this.classesDirectory + ": " + ex, ex);
        }
    }

}
