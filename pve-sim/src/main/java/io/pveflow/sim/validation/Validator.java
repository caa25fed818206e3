package io.pveflow.sim.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks raw request parameters against an endpoint's rules the way PVE's {@code JSONSchema::validate} does:
 * every rule is checked (missing, type, format, pattern, length, range, enum, in that order, first failure
 * wins per parameter), then every parameter without a rule is reported. All failures are collected, because
 * PVE answers them together in one {@code errors} map.
 *
 * <p>Form values are strings; JSON bodies may carry numbers, booleans and arrays. Form booleans must be
 * {@code 0} or {@code 1}: PVE's validator rejects {@code true}, while a JSON {@code true} is fine.
 */
public final class Validator {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Validator() {
    }

    /**
     * @param raw parameter name to its values (one for most; several for arrays or repeated form fields)
     * @return the typed parameters; throws {@link ParameterException} listing every failure
     */
    public static Params validate(List<ParamRule> rules, Map<String, List<Object>> raw) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ParamRule> byName = new LinkedHashMap<>();
        for (ParamRule rule : rules) {
            byName.put(rule.name(), rule);
            List<Object> given = raw.get(rule.name());
            if (given == null || given.isEmpty()) {
                if (!rule.isOptional()) {
                    errors.put(rule.name(), "property is missing and it is not optional");
                }
                continue;
            }
            if (rule.type().equals("array")) {
                List<String> items = new ArrayList<>();
                for (Object item : given) {
                    if (item instanceof List<?> list) {
                        list.forEach(i -> items.add(String.valueOf(i)));
                    } else {
                        items.add(String.valueOf(item));
                    }
                }
                values.put(rule.name(), items);
                continue;
            }
            Object value = given.get(given.size() - 1);
            String error = check(rule, value);
            if (error != null) {
                errors.put(rule.name(), error);
            } else {
                values.put(rule.name(), normalize(rule, value));
            }
        }
        for (String name : raw.keySet()) {
            if (!byName.containsKey(name)) {
                errors.put(name, "property is not defined in schema and the schema does not allow additional properties");
            }
        }
        if (!errors.isEmpty()) {
            throw new ParameterException(errors);
        }
        return new Params(values);
    }

    private static String check(ParamRule rule, Object value) {
        String type = rule.type();
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return "type check ('" + type + "') failed - got " + (value instanceof Map<?, ?> ? "HASH" : "ARRAY");
        }
        if (value instanceof Boolean bool) {
            if (type.equals("boolean")) {
                return null;
            }
            if (!type.equals("string")) {
                return "type check ('" + type + "') failed - got JSON::PP::Boolean";
            }
            value = bool ? "1" : "0";
        }
        String text = String.valueOf(value);
        switch (type) {
            case "boolean" -> {
                if (!text.equals("0") && !text.equals("1")) {
                    return "type check ('boolean') failed - got '" + text + "'";
                }
                return null;
            }
            case "integer" -> {
                if (!INTEGER.matcher(text).matches()) {
                    return "type check ('integer') failed - got '" + text + "'";
                }
            }
            case "number" -> {
                if (!NUMBER.matcher(text).matches()) {
                    return "type check ('number') failed - got '" + text + "'";
                }
            }
            default -> {
                // strings need no type check
            }
        }
        if (rule.format() != null) {
            String formatError = Formats.check(rule.format(), text);
            if (formatError != null) {
                return "invalid format - " + formatError + "\n";
            }
        }
        if (rule.pattern() != null && !Pattern.compile(rule.pattern()).matcher(text).matches()) {
            return "value does not match the regex pattern";
        }
        if (rule.maxLength() != null && text.length() > rule.maxLength()) {
            return "value may only be " + rule.maxLength() + " characters long";
        }
        if (NUMBER.matcher(text).matches()) {
            double number = Double.parseDouble(text);
            if (rule.maximum() != null && number > rule.maximum()) {
                return "value must have a maximum value of " + plain(rule.maximum());
            }
            if (rule.minimum() != null && number < rule.minimum()) {
                return "value must have a minimum value of " + plain(rule.minimum());
            }
        }
        if (rule.enumValues() != null && !rule.enumValues().contains(text)) {
            return "value '" + text + "' does not have a value in the enumeration '"
                    + String.join(", ", rule.enumValues()) + "'";
        }
        return null;
    }

    private static Object normalize(ParamRule rule, Object value) {
        return switch (rule.type()) {
            case "boolean" -> value instanceof Boolean b ? b : String.valueOf(value).equals("1");
            case "integer" -> Long.parseLong(String.valueOf(value).replace("+", ""));
            case "number" -> Double.parseDouble(String.valueOf(value));
            default -> value instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(value);
        };
    }

    static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
