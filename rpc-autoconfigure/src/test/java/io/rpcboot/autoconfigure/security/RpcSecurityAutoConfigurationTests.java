package io.rpcboot.autoconfigure.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.rpcboot.RpcException;
import io.rpcboot.RpcStatus;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.autoconfigure.RpcAutoConfiguration;
import io.rpcboot.autoconfigure.RpcServerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the server authenticates with Spring Security, and with what.
 */
class RpcSecurityAutoConfigurationTests {

    private static final String BASIC_ALICE = "Basic YWxpY2U6c2VjcmV0"; // alice:secret

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, RpcAutoConfiguration.class,
                RpcServerAutoConfiguration.class, RpcSecurityAutoConfiguration.class))
        .withPropertyValues("rpc.server.port=0", "rpc.server.address=127.0.0.1");

    @Test
    void exportingServicesWithNothingToCheckCredentialsWithFailsStartUp() {
        this.runner.withUserConfiguration(Exported.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("no AuthenticationManager, UserDetailsService or JwtDecoder bean")
                .hasMessageContaining("rpc.server.security.enabled=false");
        });
    }

    @Test
    void applicationWithoutServicesStarts() {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void userDetailsServiceChecksBasicCredentials() {
        this.runner.withUserConfiguration(Exported.class, Users.class).run((context) -> {
            RpcAuthenticationInterceptor interceptor = context.getBean(RpcAuthenticationInterceptor.class);
            interceptor.checkDescription(Map.of("authorization", BASIC_ALICE));
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> interceptor.checkDescription(Map.of("authorization", "Basic YWxpY2U6d3Jvbmc=")))
                .satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(RpcStatus.UNAUTHENTICATED));
            assertThat(interceptor.challenge()).isEqualTo("Basic realm=\"rpc\"");
        });
    }

    @Test
    void applicationsAuthenticationManagerComesFirst() {
        this.runner.withUserConfiguration(Exported.class, Users.class, Manager.class).run((context) -> {
            RpcAuthenticationInterceptor interceptor = context.getBean(RpcAuthenticationInterceptor.class);
            // the manager accepts only "carol"; the user details service alone would
            // accept alice
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> interceptor.checkDescription(Map.of("authorization", BASIC_ALICE)));
            interceptor.checkDescription(Map.of("authorization", "Basic Y2Fyb2w6eA==")); // carol:x
        });
    }

    @Test
    void descriptionNeedsCredentialsUnlessPermitted() {
        this.runner.withUserConfiguration(Exported.class, Users.class).run((context) -> {
            assertThatExceptionOfType(RpcException.class)
                .isThrownBy(() -> context.getBean(RpcAuthenticationInterceptor.class).checkDescription(Map.of()));
        });
        this.runner.withUserConfiguration(Exported.class, Users.class)
            .withBean(RpcSecurityCustomizer.class, () -> (rules) -> rules.description().permitAll())
            .run((context) -> context.getBean(RpcAuthenticationInterceptor.class).checkDescription(Map.of()));
    }

    @Test
    void disabledByProperty() {
        this.runner.withUserConfiguration(Exported.class)
            .withPropertyValues("rpc.server.security.enabled=false")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(RpcAuthenticationInterceptor.class);
            });
    }

    @Test
    void absentWithoutSpringSecurity() {
        this.runner.withUserConfiguration(Exported.class)
            .withClassLoader(new FilteredClassLoader(AuthenticationManager.class))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(RpcAuthenticationInterceptor.class);
            });
    }

    @Test
    void ruleForAMethodTheServiceLacksFailsStartUp() {
        this.runner.withUserConfiguration(Exported.class, Users.class)
            .withBean(RpcSecurityCustomizer.class, () -> (rules) -> rules.method(Greeter.class, "shout").permitAll())
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining(Greeter.class.getName() + " has no method shout"));
    }

    interface Greeter {

        String greet(String name);

    }

    @Configuration(proxyBeanMethods = false)
    static class Exported {

        @Bean
        GreeterService greeter() {
            return new GreeterService();
        }

    }

    @RpcService
    static class GreeterService implements Greeter {

        @Override
        public String greet(String name) {
            return "Hello, " + name;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Users {

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}secret").roles("USER").build());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Manager {

        @Bean
        AuthenticationManager authenticationManager() {
            return (authentication) -> {
                if (!"carol".equals(authentication.getName())) {
                    throw new org.springframework.security.authentication.BadCredentialsException("not carol");
                }
                return UsernamePasswordAuthenticationToken.authenticated("carol", null,
                        AuthorityUtils.createAuthorityList("ROLE_USER"));
            };
        }

    }

}
