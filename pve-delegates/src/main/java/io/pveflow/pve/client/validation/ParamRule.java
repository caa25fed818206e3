package io.pveflow.pve.client.validation;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What one parameter of one API method may be: type, required or not, and the constraints Proxmox's validator
 * applies (enumeration, pattern, format, range, length). {@code reserved} are values the schema allows but the
 * handler refuses (the snapshot name {@code current}). Immutable; the fluent methods return changed copies.
 */
public record ParamRule(String name, ParamType type, boolean required, List<String> enumValues, String pattern,
        String format, Long minimum, Long maximum, Integer maxLength, Set<String> reserved) {

    public static ParamRule string(String name) {
        return new ParamRule(name, ParamType.STRING, true, null, null, null, null, null, null, Set.of());
    }

    public static ParamRule integer(String name) {
        return new ParamRule(name, ParamType.INTEGER, true, null, null, null, null, null, null, Set.of());
    }

    public static ParamRule number(String name) {
        return new ParamRule(name, ParamType.NUMBER, true, null, null, null, null, null, null, Set.of());
    }

    public static ParamRule bool(String name) {
        return new ParamRule(name, ParamType.BOOLEAN, true, null, null, null, null, null, null, Set.of());
    }

    public static ParamRule array(String name) {
        return new ParamRule(name, ParamType.ARRAY, true, null, null, null, null, null, null, Set.of());
    }

    public ParamRule optional() {
        return new ParamRule(name, type, false, enumValues, pattern, format, minimum, maximum, maxLength, reserved);
    }

    public ParamRule named(String other) {
        return new ParamRule(other, type, required, enumValues, pattern, format, minimum, maximum, maxLength, reserved);
    }

    public ParamRule oneOf(String... values) {
        return oneOf(Arrays.asList(values));
    }

    public ParamRule oneOf(List<String> values) {
        return new ParamRule(name, type, required, List.copyOf(values), pattern, format, minimum, maximum, maxLength,
                reserved);
    }

    public ParamRule pattern(String regex) {
        return new ParamRule(name, type, required, enumValues, regex, format, minimum, maximum, maxLength, reserved);
    }

    public ParamRule format(String formatName) {
        return new ParamRule(name, type, required, enumValues, pattern, formatName, minimum, maximum, maxLength,
                reserved);
    }

    public ParamRule min(long min) {
        return new ParamRule(name, type, required, enumValues, pattern, format, min, maximum, maxLength, reserved);
    }

    public ParamRule range(long min, long max) {
        return new ParamRule(name, type, required, enumValues, pattern, format, min, max, maxLength, reserved);
    }

    public ParamRule maxLength(int length) {
        return new ParamRule(name, type, required, enumValues, pattern, format, minimum, maximum, length, reserved);
    }

    public ParamRule reserving(String... values) {
        return new ParamRule(name, type, required, enumValues, pattern, format, minimum, maximum, maxLength,
                Set.of(values));
    }
}
