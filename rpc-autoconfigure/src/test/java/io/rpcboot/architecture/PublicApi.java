package io.rpcboot.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rpcboot.RpcStatus;

/**
 * The public API of rpc-autoconfigure as reflection sees it in the main classes: the
 * public types outside {@code io.rpcboot.internal..} and their public and protected
 * members.
 */
final class PublicApi {

    static final String INTERNAL = "io.rpcboot.internal.";

    private final List<Class<?>> types;

    private PublicApi(List<Class<?>> types) {
        this.types = types;
    }

    /**
     * Reads the public types of the main classes.
     * @return the API
     */
    static PublicApi ofMainClasses() {
        Path root = mainClasses();
        try (Stream<Path> files = Files.walk(root)) {
            List<Class<?>> types = new ArrayList<>();
            files.filter((file) -> file.toString().endsWith(".class"))
                .map((file) -> root.relativize(file).toString().replace(java.io.File.separatorChar, '.'))
                .map((name) -> name.substring(0, name.length() - ".class".length()))
                .filter((name) -> !name.startsWith(INTERNAL) && !name.endsWith("package-info"))
                .map(PublicApi::load)
                .filter(PublicApi::isVisible)
                .forEach(types::add);
            return new PublicApi(types);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path mainClasses() {
        try {
            return Path.of(RpcStatus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApi.class.getClassLoader());
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Public, and every enclosing type public too; anonymous and local classes never are.
     */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            if (!Modifier.isPublic(current.getModifiers()) || current.isAnonymousClass() || current.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(Member member) {
        int modifiers = member.getModifiers();
        boolean visible = Modifier.isPublic(modifiers)
                || (Modifier.isProtected(modifiers) && !Modifier.isFinal(member.getDeclaringClass().getModifiers()));
        return visible && !member.isSynthetic() && !(member instanceof Method method && method.isBridge());
    }

    /**
     * Returns one line per public type and per public or protected member, sorted.
     * @return the lines
     */
    Set<String> lines() {
        Set<String> lines = new TreeSet<>();
        for (Class<?> type : this.types) {
            lines.add(type.getName() + " " + describe(type));
            members(type, (member) -> lines.add(type.getName() + " " + describe(member)));
        }
        return lines;
    }

    /**
     * Returns the places where a type of {@code io.rpcboot.internal..} appears in a
     * public signature.
     * @return one line per such place
     */
    List<String> internalTypesInSignatures() {
        List<String> found = new ArrayList<>();
        for (Class<?> type : this.types) {
            List<Type> signature = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
            if (type.getGenericSuperclass() != null) {
                signature.add(type.getGenericSuperclass());
            }
            signature.addAll(Arrays.asList(type.getTypeParameters()));
            reportInternal(type.getName(), signature, found);
            members(type,
                    (member) -> reportInternal(type.getName() + " " + describe(member), signatureOf(member), found));
        }
        return found;
    }

    private static void members(Class<?> type, Consumer<Member> action) {
        Stream.of(type.getDeclaredFields(), type.getDeclaredConstructors(), type.getDeclaredMethods())
            .flatMap(Arrays::stream)
            .map(Member.class::cast)
            .filter(PublicApi::isVisible)
            .forEach(action);
    }

    private static List<Type> signatureOf(Member member) {
        List<Type> types = new ArrayList<>();
        if (member instanceof Field field) {
            types.add(field.getGenericType());
        }
        if (member instanceof Executable executable) {
            types.addAll(Arrays.asList(executable.getGenericParameterTypes()));
            types.addAll(Arrays.asList(executable.getGenericExceptionTypes()));
            types.addAll(Arrays.asList(executable.getTypeParameters()));
        }
        if (member instanceof Method method) {
            types.add(method.getGenericReturnType());
        }
        return types;
    }

    private static void reportInternal(String where, List<Type> types, List<String> found) {
        Set<String> internal = new TreeSet<>();
        types.forEach((type) -> collectInternal(type, internal, new java.util.HashSet<>()));
        internal.forEach((name) -> found.add(where + " exposes " + name));
    }

    private static void collectInternal(Type type, Set<String> internal, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> cls) {
            Class<?> component = cls;
            while (component.isArray()) {
                component = component.getComponentType();
            }
            if (component.getName().startsWith(INTERNAL)) {
                internal.add(component.getName());
            }
        }
        else if (type instanceof ParameterizedType parameterized) {
            collectInternal(parameterized.getRawType(), internal, seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collectInternal(argument, internal, seen);
            }
        }
        else if (type instanceof WildcardType wildcard) {
            Stream.concat(Arrays.stream(wildcard.getUpperBounds()), Arrays.stream(wildcard.getLowerBounds()))
                .forEach((bound) -> collectInternal(bound, internal, seen));
        }
        else if (type instanceof GenericArrayType array) {
            collectInternal(array.getGenericComponentType(), internal, seen);
        }
        else if (type instanceof TypeVariable<?> variable) {
            for (Type bound : variable.getBounds()) {
                collectInternal(bound, internal, seen);
            }
        }
    }

    private static String describe(Class<?> type) {
        StringBuilder description = new StringBuilder(type.toGenericString().replace(type.getName(), "").trim());
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            description.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            description.append(type.isInterface() ? " extends " : " implements ")
                .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return description.toString();
    }

    /**
     * The member as {@code toGenericString()} writes it, without repeating its type's
     * name.
     */
    private static String describe(Member member) {
        String owner = member.getDeclaringClass().getName() + ".";
        if (member instanceof Field field) {
            return "field " + field.toGenericString().replace(owner, "");
        }
        if (member instanceof Constructor<?> constructor) {
            return "constructor " + constructor.toGenericString();
        }
        return "method " + ((Method) member).toGenericString().replace(owner, "");
    }

}
