package io.rpcboot.semantics;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.rpcboot.annotation.EnableRpcClients;
import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcService;
import io.rpcboot.support.RpcPair;
import io.rpcboot.support.app.AutoConfiguredApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overloads of a method, told apart on the wire by their parameter types, each reach
 * their own implementation.
 */
class OverloadedMethodsTests {

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(AutoConfiguredApplication.class, ServerApp.class)
        .client("finder", AutoConfiguredApplication.class, ClientApp.class);

    private final Finder finder = pair.clientBean(Finder.class);

    @Test
    void overloadsWithDifferentArityReachTheirOwnImplementation() {
        assertThat(finder.find()).isEqualTo("find()");
        assertThat(finder.find("a")).isEqualTo("find(String a)");
        assertThat(finder.find("a", 2)).isEqualTo("find(String a, int 2)");
    }

    @Test
    void overloadsOfPrimitiveTypesReachTheirOwnImplementation() {
        assertThat(finder.find(7)).isEqualTo("find(int 7)");
        assertThat(finder.find(7L)).isEqualTo("find(long 7)");
    }

    @Test
    void overloadsOfAPrimitiveAndItsBoxReachTheirOwnImplementation() {
        assertThat(finder.find(Integer.valueOf(7))).isEqualTo("find(Integer 7)");
        assertThat(finder.find((Integer) null)).isEqualTo("find(Integer null)");
        assertThat(finder.find(7)).isEqualTo("find(int 7)");
    }

    @Test
    void overloadsOfArrayAndCollectionTypesReachTheirOwnImplementation() {
        assertThat(finder.find(new int[] { 1, 2 })).isEqualTo("find(int[] 2)");
        assertThat(finder.find(new String[] { "a" })).isEqualTo("find(String[] 1)");
        assertThat(finder.find(List.of("a", "b", "c"))).isEqualTo("find(List 3)");
    }

    @RpcClient(name = "finder")
    public interface Finder {

        String find();

        String find(String name);

        String find(String name, int limit);

        String find(int id);

        String find(long id);

        String find(Integer id);

        String find(int[] ids);

        String find(String[] names);

        String find(List<String> names);

    }

    @RpcService
    static class FinderImpl implements Finder {

        @Override
        public String find() {
            return "find()";
        }

        @Override
        public String find(String name) {
            return "find(String " + name + ")";
        }

        @Override
        public String find(String name, int limit) {
            return "find(String " + name + ", int " + limit + ")";
        }

        @Override
        public String find(int id) {
            return "find(int " + id + ")";
        }

        @Override
        public String find(long id) {
            return "find(long " + id + ")";
        }

        @Override
        public String find(Integer id) {
            return "find(Integer " + id + ")";
        }

        @Override
        public String find(int[] ids) {
            return "find(int[] " + ids.length + ")";
        }

        @Override
        public String find(String[] names) {
            return "find(String[] " + names.length + ")";
        }

        @Override
        public String find(List<String> names) {
            return "find(List " + names.size() + ")";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ServerApp {

        @Bean
        FinderImpl finder() {
            return new FinderImpl();
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableRpcClients(clients = Finder.class)
    static class ClientApp {

    }

}
