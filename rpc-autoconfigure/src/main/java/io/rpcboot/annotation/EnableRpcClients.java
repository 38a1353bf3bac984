package io.rpcboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Registers proxy beans for {@link RpcClient} interfaces outside the application's
 * auto-configuration packages. May appear on several configuration classes: what they
 * name is merged.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(EnableRpcClientsRegistrar.class)
public @interface EnableRpcClients {

    /**
     * Packages to scan for {@link RpcClient} interfaces.
     * @return the package names
     */
    String[] basePackages() default {};

    /**
     * Classes whose packages are scanned for {@link RpcClient} interfaces.
     * @return the marker classes
     */
    Class<?>[] basePackageClasses() default {};

    /**
     * {@link RpcClient} interfaces to register, in addition to those found by scanning.
     * @return the client interfaces
     */
    Class<?>[] clients() default {};

}
