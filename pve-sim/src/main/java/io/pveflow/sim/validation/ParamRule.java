package io.pveflow.sim.validation;

import java.util.Arrays;
import java.util.List;

/**
 * One parameter of an API method as the simulator checks it: name, JSON-schema type, whether it may be
 * omitted, and the optional constraints PVE's validator applies (format, pattern, length, range, enum).
 * Immutable; the fluent methods return changed copies.
 */
public record ParamRule(
        String name,
        String type,
        boolean isOptional,
        List<String> enumValues,
        String pattern,
        String format,
        Double minimum,
        Double maximum,
        Integer maxLength) {

    public ParamRule {
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }

    public static ParamRule string(String name) {
        return new ParamRule(name, "string", false, null, null, null, null, null, null);
    }

    public static ParamRule integer(String name) {
        return new ParamRule(name, "integer", false, null, null, null, null, null, null);
    }

    public static ParamRule number(String name) {
        return new ParamRule(name, "number", false, null, null, null, null, null, null);
    }

    public static ParamRule bool(String name) {
        return new ParamRule(name, "boolean", false, null, null, null, null, null, null);
    }

    public static ParamRule array(String name) {
        return new ParamRule(name, "array", false, null, null, null, null, null, null);
    }

    public ParamRule optional() {
        return new ParamRule(name, type, true, enumValues, pattern, format, minimum, maximum, maxLength);
    }

    public ParamRule required() {
        return new ParamRule(name, type, false, enumValues, pattern, format, minimum, maximum, maxLength);
    }

    public ParamRule named(String newName) {
        return new ParamRule(newName, type, isOptional, enumValues, pattern, format, minimum, maximum, maxLength);
    }

    public ParamRule oneOf(String... values) {
        return oneOf(Arrays.asList(values));
    }

    public ParamRule oneOf(List<String> values) {
        return new ParamRule(name, type, isOptional, values, pattern, format, minimum, maximum, maxLength);
    }

    public ParamRule pattern(String regex) {
        return new ParamRule(name, type, isOptional, enumValues, regex, format, minimum, maximum, maxLength);
    }

    public ParamRule format(String formatName) {
        return new ParamRule(name, type, isOptional, enumValues, pattern, formatName, minimum, maximum, maxLength);
    }

    public ParamRule min(double min) {
        return new ParamRule(name, type, isOptional, enumValues, pattern, format, min, maximum, maxLength);
    }

    public ParamRule range(double min, double max) {
        return new ParamRule(name, type, isOptional, enumValues, pattern, format, min, max, maxLength);
    }

    public ParamRule maxLength(int length) {
        return new ParamRule(name, type, isOptional, enumValues, pattern, format, minimum, maximum, length);
    }
}
