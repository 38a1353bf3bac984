package io.rpcboot.internal.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.rpcboot.internal.protocol.MethodShape;

/**
 * The compatibility rules: compares the contract callers were built against with a newer
 * one and lists every change that breaks those callers. Direction decides: old callers
 * send arguments the old way and read results the new way, so a parameter may accept more
 * than before (never less) and a result may send less than before (never more). Additions
 * of services, methods and overloads never break anyone. The rules, with examples, are in
 * {@code docs/contracts.md}.
 */
public final class ContractComparison {

    /** A service interface is gone (or renamed, or moved to another package). */
    public static final String SERVICE_REMOVED = "service removed";

    /** A method is gone, and no method with the same name takes its place. */
    public static final String METHOD_REMOVED = "method removed";

    /** A method is gone, and one new method has its parameters and result. */
    public static final String METHOD_RENAMED = "method renamed";

    /** A method gained a parameter: its key changed. */
    public static final String PARAMETER_ADDED = "parameter added";

    /** A method lost a parameter: its key changed. */
    public static final String PARAMETER_REMOVED = "parameter removed";

    /** A method's parameters are the same types (or names) in another order. */
    public static final String PARAMETERS_REORDERED = "parameters reordered";

    /**
     * A parameter's type changed: its erased type (the key changed) or its JSON shape.
     */
    public static final String PARAMETER_TYPE_CHANGED = "parameter type changed";

    /** A parameter no longer accepts every value old callers send. */
    public static final String PARAMETER_TYPE_NARROWED = "parameter type narrowed";

    /** The result's JSON shape changed so that old callers cannot read it. */
    public static final String RESULT_TYPE_CHANGED = "result type changed";

    /** The result may carry values old callers cannot read. */
    public static final String RESULT_TYPE_WIDENED = "result type widened";

    /** A property of a record or bean changed its JSON type. */
    public static final String PROPERTY_TYPE_CHANGED = "property type changed";

    /** A property of a result may carry values old callers cannot read. */
    public static final String PROPERTY_TYPE_WIDENED = "property type widened";

    /** A property of a parameter no longer accepts every value old callers send. */
    public static final String PROPERTY_TYPE_NARROWED = "property type narrowed";

    /**
     * A property (record component, bean property) is gone: old callers no longer get it
     * in results, or send it in arguments for nothing.
     */
    public static final String PROPERTY_REMOVED = "property removed";

    /**
     * A parameter's type gained a property its reader requires: old callers never send
     * it.
     */
    public static final String REQUIRED_PROPERTY_ADDED = "required property added";

    /** An enum of a parameter lost a constant that old callers may send. */
    public static final String ENUM_CONSTANT_REMOVED = "enum constant removed";

    /** An enum of a result gained a constant that old callers cannot read. */
    public static final String ENUM_CONSTANT_ADDED = "enum constant added";

    /**
     * A method declares a new exception: old callers receive it as
     * {@code RpcException(APPLICATION_ERROR)}, not as a type they can catch.
     */
    public static final String EXCEPTION_ADDED = "declared exception added";

    /**
     * A method's results or parameter became a stream, or stopped being one: old callers'
     * calls are refused by the server, or read the wrong number of results.
     */
    public static final String STREAMING_SHAPE_CHANGED = "streaming shape changed";

    private ContractComparison() {
    }

    /**
     * Lists the changes from one contract to another that break callers built against the
     * first.
     * @param previous the contract callers were built against
     * @param current the contract of the new version
     * @return the breaking changes, by service and method key; empty when old callers
     * keep working
     */
    public static List<BreakingChange> breakingChanges(Contract previous, Contract current) {
        List<BreakingChange> changes = new ArrayList<>();
        for (Map.Entry<String, ServiceContract> entry : previous.services().entrySet()) {
            String service = entry.getKey();
            ServiceContract next = current.services().get(service);
            if (next == null) {
                changes.add(new BreakingChange(service, null, SERVICE_REMOVED, ""));
                continue;
            }
            for (Map.Entry<String, MethodContract> method : entry.getValue().methods().entrySet()) {
                MethodContract nextMethod = next.methods().get(method.getKey());
                if (nextMethod == null) {
                    changes.add(missing(service, method.getKey(), method.getValue(), entry.getValue(), next));
                }
                else {
                    new MethodComparison(service, method.getKey(), previous, current, changes)
                        .compare(method.getValue(), nextMethod);
                }
            }
        }
        return List.copyOf(changes);
    }

    /**
     * Says why an old method key is gone: a method of the same name that is new in the
     * current version took its place with other parameters, a new method has its
     * parameters and result under another name, or it is simply removed.
     */
    private static BreakingChange missing(String service, String key, MethodContract method, ServiceContract previous,
            ServiceContract current) {
        List<String> sameName = new ArrayList<>();
        List<String> sameSignature = new ArrayList<>();
        for (Map.Entry<String, MethodContract> candidate : current.methods().entrySet()) {
            String candidateKey = candidate.getKey();
            if (previous.methods().containsKey(candidateKey)) {
                continue;
            }
            if (name(candidateKey).equals(name(key))) {
                sameName.add(candidateKey);
            }
            else if (parameterTypes(candidateKey).equals(parameterTypes(key))
                    && candidate.getValue().result().type().equals(method.result().type())) {
                sameSignature.add(candidateKey);
            }
        }
        if (sameName.size() == 1) {
            String replacement = sameName.get(0);
            return new BreakingChange(service, key, parametersRule(parameterTypes(key), parameterTypes(replacement)),
                    "now " + replacement);
        }
        if (sameName.isEmpty() && sameSignature.size() == 1) {
            return new BreakingChange(service, key, METHOD_RENAMED, "now " + sameSignature.get(0));
        }
        return new BreakingChange(service, key, METHOD_REMOVED,
                sameName.isEmpty() ? "" : "new overloads: " + String.join(", ", sameName));
    }

    private static String parametersRule(List<String> previous, List<String> current) {
        if (current.size() > previous.size()) {
            return PARAMETER_ADDED;
        }
        if (current.size() < previous.size()) {
            return PARAMETER_REMOVED;
        }
        List<String> sortedPrevious = new ArrayList<>(previous);
        List<String> sortedCurrent = new ArrayList<>(current);
        sortedPrevious.sort(null);
        sortedCurrent.sort(null);
        return sortedPrevious.equals(sortedCurrent) ? PARAMETERS_REORDERED : PARAMETER_TYPE_CHANGED;
    }

    private static String name(String key) {
        return key.substring(0, key.indexOf('('));
    }

    private static List<String> parameterTypes(String key) {
        String parameters = key.substring(key.indexOf('(') + 1, key.lastIndexOf(')'));
        return parameters.isEmpty() ? List.of() : Arrays.asList(parameters.split(","));
    }

    /** Which way values flow through a schema. */
    private enum Direction {

        /** Old callers write, the new service reads: arguments. */
        ARGUMENT,

        /** The new service writes, old callers read: results. */
        RESULT

    }

    /**
     * Compares one method present in both contracts.
     */
    private static final class MethodComparison {

        private final String service;

        private final String key;

        private final Contract previous;

        private final Contract current;

        private final List<BreakingChange> changes;

        private final Set<String> comparedTypes = new HashSet<>();

        MethodComparison(String service, String key, Contract previous, Contract current,
                List<BreakingChange> changes) {
            this.service = service;
            this.key = key;
            this.previous = previous;
            this.current = current;
            this.changes = changes;
        }

        void compare(MethodContract previous, MethodContract current) {
            MethodShape previousShape = shapeOf(previous.shape());
            MethodShape currentShape = shapeOf(current.shape());
            if (previousShape != null && currentShape != null
                    && (previousShape.streamsResults() != currentShape.streamsResults()
                            || previousShape.streamsParameter() != currentShape.streamsParameter())) {
                report(STREAMING_SHAPE_CHANGED, previousShape + " now " + currentShape);
            }
            List<@Nullable String> previousNames = names(previous);
            List<@Nullable String> currentNames = names(current);
            if (!previousNames.contains(null) && !currentNames.contains(null) && !previousNames.equals(currentNames)
                    && parametersRule(nonNull(previousNames), nonNull(currentNames)).equals(PARAMETERS_REORDERED)) {
                report(PARAMETERS_REORDERED, previousNames + " now " + currentNames);
            }
            int count = Math.min(previous.parameters().size(), current.parameters().size());
            for (int i = 0; i < count; i++) {
                ParameterContract parameter = previous.parameters().get(i);
                String where = "parameter " + i + ((parameter.name() != null) ? " (" + parameter.name() + ")" : "");
                compare(parameter.schema(), current.parameters().get(i).schema(), Direction.ARGUMENT, where, false);
            }
            compare(previous.result().schema(), current.result().schema(), Direction.RESULT, "result", false);
            for (String exception : current.exceptions()) {
                if (!previous.exceptions().contains(exception)) {
                    report(EXCEPTION_ADDED, exception);
                }
            }
        }

        /**
         * Returns the shape a description names, {@code null} when it names none (a
         * description from before shapes were described) or one this version does not
         * know.
         */
        private static @Nullable MethodShape shapeOf(@Nullable String name) {
            if (name == null) {
                return null;
            }
            try {
                return MethodShape.valueOf(name);
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }

        private static List<@Nullable String> names(MethodContract method) {
            List<@Nullable String> names = new ArrayList<>();
            method.parameters().forEach((parameter) -> names.add(parameter.name()));
            return names;
        }

        private static List<String> nonNull(List<@Nullable String> names) {
            return names.stream().map(Objects::requireNonNull).toList();
        }

        /**
         * Compares a schema of the old contract with its counterpart in the new one: the
         * writer's values (old for arguments, new for results) must be readable by the
         * reader.
         */
        private void compare(Schema previousSchema, Schema currentSchema, Direction direction, String path,
                boolean inProperty) {
            if (previousSchema.ref() != null && currentSchema.ref() != null
                    && !this.comparedTypes.add(previousSchema.ref() + "|" + currentSchema.ref() + "|" + direction)) {
                return;
            }
            Schema previous = this.previous.resolve(previousSchema);
            Schema current = this.current.resolve(currentSchema);
            Schema writer = (direction == Direction.ARGUMENT) ? previous : current;
            Schema reader = (direction == Direction.ARGUMENT) ? current : previous;
            if (isAny(reader) || "null".equals(reader.type())) {
                // a reader of anything, or a caller that ignored the result of a void
                // method
                return;
            }
            String change = describe(previous) + " now " + describe(current);
            if (isAny(writer) || !Objects.equals(writer.type(), reader.type())) {
                if ("integer".equals(writer.type()) && "number".equals(reader.type())) {
                    return;
                }
                boolean wider = isAny(writer) || ("number".equals(writer.type()) && "integer".equals(reader.type()));
                report(wider ? widened(direction, inProperty) : changed(direction, inProperty), path + ": " + change);
                return;
            }
            switch (Objects.requireNonNull(reader.type())) {
                case "integer", "number" -> {
                    if (rank(writer.format()) > rank(reader.format())) {
                        report(widened(direction, inProperty), path + ": " + change);
                    }
                }
                case "string" -> compareStrings(writer, reader, direction, path, inProperty, change);
                case "array" -> compare(items(previous), items(current), direction, path + "[]", inProperty);
                case "object" -> compareObjects(previous, current, direction, path, inProperty, change);
                default -> {
                }
            }
        }

        private void compareStrings(Schema writer, Schema reader, Direction direction, String path, boolean inProperty,
                String change) {
            List<String> readable = reader.constants();
            if (readable != null) {
                List<String> written = writer.constants();
                if (written == null) {
                    report(widened(direction, inProperty), path + ": " + change);
                    return;
                }
                for (String constant : written) {
                    if (!readable.contains(constant)) {
                        report((direction == Direction.ARGUMENT) ? ENUM_CONSTANT_REMOVED : ENUM_CONSTANT_ADDED,
                                path + ": " + constant);
                    }
                }
            }
            else if (reader.format() != null && !reader.format().equals(writer.format())) {
                report((writer.format() == null) ? widened(direction, inProperty) : changed(direction, inProperty),
                        path + ": " + change);
            }
        }

        private void compareObjects(Schema previous, Schema current, Direction direction, String path,
                boolean inProperty, String change) {
            Schema writer = (direction == Direction.ARGUMENT) ? previous : current;
            Schema reader = (direction == Direction.ARGUMENT) ? current : previous;
            if (previous.additionalProperties() != null && current.additionalProperties() != null) {
                compare(previous.additionalProperties(), current.additionalProperties(), direction, path + "{}",
                        inProperty);
            }
            else if (reader.properties() != null && writer.properties() != null) {
                compareProperties(previous, current, direction, path);
            }
            else if (reader.properties() != null || reader.additionalProperties() != null) {
                report(changed(direction, inProperty), path + ": " + change);
            }
        }

        private void compareProperties(Schema previous, Schema current, Direction direction, String path) {
            Map<String, Schema> previousProperties = Objects.requireNonNull(previous.properties());
            Map<String, Schema> currentProperties = Objects.requireNonNull(current.properties());
            for (Map.Entry<String, Schema> property : previousProperties.entrySet()) {
                Schema next = currentProperties.get(property.getKey());
                if (next == null) {
                    report(PROPERTY_REMOVED, path + "." + property.getKey());
                }
                else {
                    compare(property.getValue(), next, direction, path + "." + property.getKey(), true);
                }
            }
            if (direction == Direction.ARGUMENT && current.required() != null) {
                for (String required : current.required()) {
                    if (!previousProperties.containsKey(required)) {
                        report(REQUIRED_PROPERTY_ADDED, path + "." + required);
                    }
                }
            }
        }

        private static Schema items(Schema array) {
            return (array.items() != null) ? array.items() : Schema.ANY;
        }

        private static boolean isAny(Schema schema) {
            return schema.type() == null && schema.ref() == null;
        }

        /** Orders numeric formats by the values they hold; no format holds any. */
        private static int rank(@Nullable String format) {
            if (format == null) {
                return 3;
            }
            return switch (format) {
                case "int32", "float" -> 1;
                case "int64", "double" -> 2;
                default -> 3;
            };
        }

        private static String widened(Direction direction, boolean inProperty) {
            if (direction == Direction.ARGUMENT) {
                return inProperty ? PROPERTY_TYPE_NARROWED : PARAMETER_TYPE_NARROWED;
            }
            return inProperty ? PROPERTY_TYPE_WIDENED : RESULT_TYPE_WIDENED;
        }

        private static String changed(Direction direction, boolean inProperty) {
            if (inProperty) {
                return PROPERTY_TYPE_CHANGED;
            }
            return (direction == Direction.ARGUMENT) ? PARAMETER_TYPE_CHANGED : RESULT_TYPE_CHANGED;
        }

        private static String describe(Schema schema) {
            if (schema.type() == null) {
                return "any";
            }
            if (schema.constants() != null) {
                return "enum";
            }
            if (schema.properties() != null) {
                return "object";
            }
            if (schema.additionalProperties() != null) {
                return "map";
            }
            return (schema.format() != null) ? schema.type() + " (" + schema.format() + ")" : schema.type();
        }

        private void report(String rule, String detail) {
            this.changes.add(new BreakingChange(this.service, this.key, rule, detail));
        }

    }

}
