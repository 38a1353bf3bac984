package io.rpcboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean whose interfaces are exported on the rpcboot server. The bean is called as
 * the container holds it, so its advice ({@code @Transactional}, {@code @PreAuthorize},
 * ...) applies to remote calls.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface RpcService {

    /**
     * The interfaces to export. When empty, every interface the class implements is
     * exported, except the JDK's and Spring's.
     * @return the interfaces to export
     */
    Class<?>[] interfaces() default {};

}
