package io.rpcboot.internal.server.http;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JavaType;

/**
 * Names the object types of an OpenAPI document's {@code components/schemas}, which
 * allows only letters, digits, {@code .}, {@code -} and {@code _} in a name: a type's
 * simple name, with its type arguments joined by {@code Of} and {@code And}
 * ({@code PageOfItem}, {@code PairOfStringAndLong}); when another type already has that
 * name, its fully qualified name with the characters OpenAPI does not allow replaced by
 * {@code _}, numbered if even that is taken. Names are handed out in the order types are
 * first asked for, so the same services give the same names.
 */
final class ComponentNames {

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9._-]");

    private final Map<String, String> byType = new HashMap<>();

    private final Set<String> taken = new HashSet<>();

    /**
     * Creates the names.
     * @param reserved names the document uses for its own schemas
     */
    ComponentNames(String... reserved) {
        this.taken.addAll(Set.of(reserved));
    }

    /**
     * Returns the name of a type, the same for every call with that type.
     * @param type the type
     * @return its name
     */
    String nameOf(JavaType type) {
        return this.byType.computeIfAbsent(type.toCanonical(), (canonical) -> unique(type));
    }

    private String unique(JavaType type) {
        String name = allowed(shortName(type));
        if (this.taken.add(name)) {
            return name;
        }
        String qualified = allowed(type.toCanonical());
        String candidate = qualified;
        for (int i = 2; !this.taken.add(candidate); i++) {
            candidate = qualified + "_" + i;
        }
        return candidate;
    }

    private static String shortName(JavaType type) {
        if (type.isArrayType()) {
            return shortName(type.getContentType()) + "Array";
        }
        Class<?> raw = type.getRawClass();
        StringBuilder name = new StringBuilder(raw.getSimpleName().isEmpty() ? raw.getName() : raw.getSimpleName());
        for (int i = 0; i < type.containedTypeCount(); i++) {
            name.append((i == 0) ? "Of" : "And").append(shortName(type.containedType(i)));
        }
        return name.toString();
    }

    private static String allowed(String name) {
        return NOT_ALLOWED.matcher(name).replaceAll("_");
    }

}
