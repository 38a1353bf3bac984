package io.rpcboot.internal.server.http;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names of OpenAPI schema components: short, made of the characters OpenAPI allows,
 * unique, and stable for a type.
 */
class ComponentNamesTests {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

    private final TypeFactory types = TypeFactory.createDefaultInstance();

    @Test
    void simpleNameWithTypeArguments() {
        ComponentNames names = new ComponentNames();
        assertThat(names.nameOf(this.types.constructType(Item.class))).isEqualTo("Item");
        assertThat(names.nameOf(this.types.constructParametricType(Page.class, Item.class))).isEqualTo("PageOfItem");
        JavaType pair = this.types.constructParametricType(Pair.class, this.types.constructType(String.class),
                this.types.constructCollectionType(List.class, Item.class));
        assertThat(names.nameOf(pair)).isEqualTo("PairOfStringAndListOfItem");
        assertThat(names.nameOf(this.types.constructParametricType(Page.class, Item[].class)))
            .isEqualTo("PageOfItemArray");
    }

    @Test
    void aNameTakenByAnotherTypeGivesTheQualifiedName() {
        ComponentNames names = new ComponentNames("RpcError");
        String first = names.nameOf(this.types.constructType(Item.class));
        String second = names.nameOf(this.types.constructType(Other.Item.class));
        String reserved = names.nameOf(this.types.constructType(RpcError.class));
        String generic = names.nameOf(this.types.constructType(Map.class));
        assertThat(first).isEqualTo("Item");
        assertThat(second).isEqualTo("io.rpcboot.internal.server.http.ComponentNamesTests_Other_Item");
        assertThat(reserved).isEqualTo("io.rpcboot.internal.server.http.ComponentNamesTests_RpcError");
        assertThat(names.nameOf(this.types.constructType(Other.Item.class))).isEqualTo(second);
        assertThat(List.of(first, second, reserved, generic)).allMatch((name) -> ALLOWED.matcher(name).matches());
    }

    @Test
    void qualifiedNameTakenByNameIsNumbered() {
        ComponentNames names = new ComponentNames("Item", "io.rpcboot.internal.server.http.ComponentNamesTests_Item");
        assertThat(names.nameOf(this.types.constructType(Item.class)))
            .isEqualTo("io.rpcboot.internal.server.http.ComponentNamesTests_Item_2");
    }

    record Item(String sku) {
    }

    record Page<T>(List<T> items) {
    }

    record Pair<A, B>(A first, B second) {
    }

    record RpcError(String message) {
    }

    static final class Other {

        record Item(long id) {
        }

    }

}
