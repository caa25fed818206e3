package io.pveflow.pve.client.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.pveflow.pve.client.PveApiException;

/**
 * Checks a request against {@link ApiRules} and writes its parameters in Proxmox's wire form: booleans as
 * {@code 0}/{@code 1} (a form-encoded {@code true} fails on PVE), numbers without exponents. A refused request
 * throws {@link PveApiException} with code INVALID_PARAM naming the parameter, and is never sent.
 */
public final class RequestValidator {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private RequestValidator() {
    }

    /**
     * @param params every parameter, path parameters included; null values are treated as absent
     * @return the parameters in wire form, in the caller's order, nulls dropped
     */
    public static Map<String, List<String>> validate(String method, String pathTemplate, Map<String, ?> params) {
        EndpointRules rules = ApiRules.find(method, pathTemplate);
        if (rules == null) {
            throw new IllegalStateException("no parameter rules for " + method + " " + pathTemplate);
        }
        Map<String, List<String>> wire = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            ParamRule rule = rules.parameter(e.getKey());
            if (rule == null) {
                throw PveApiException.invalidParam(e.getKey(),
                        "not a parameter of " + method + " " + pathTemplate);
            }
            wire.put(e.getKey(), toWire(rule, e.getValue()));
        }
        for (ParamRule rule : rules.parameters()) {
            if (rule.required() && !wire.containsKey(rule.name())) {
                throw PveApiException.invalidParam(rule.name(), "is required");
            }
        }
        return wire;
    }

    private static List<String> toWire(ParamRule rule, Object value) {
        if (rule.type() == ParamType.ARRAY) {
            List<String> values = new ArrayList<>();
            if (value instanceof Iterable<?> items) {
                items.forEach(item -> values.add(String.valueOf(item)));
            } else {
                values.add(String.valueOf(value));
            }
            return values;
        }
        if (value instanceof Iterable<?>) {
            throw PveApiException.invalidParam(rule.name(), "takes one value, not a list");
        }
        return List.of(scalar(rule, value));
    }

    private static String scalar(ParamRule rule, Object value) {
        String name = rule.name();
        switch (rule.type()) {
            case BOOLEAN:
                return bool(name, value) ? "1" : "0";
            case INTEGER: {
                String text = value instanceof Number n ? integerText(name, n) : String.valueOf(value).trim();
                if (!INTEGER.matcher(text).matches()) {
                    throw PveApiException.invalidParam(name, "type check ('integer') failed - got '" + text + "'");
                }
                checkRange(rule, new BigDecimal(text));
                return text;
            }
            case NUMBER: {
                String text = value instanceof Number n ? plain(n) : String.valueOf(value).trim();
                if (!NUMBER.matcher(text).matches()) {
                    throw PveApiException.invalidParam(name, "type check ('number') failed - got '" + text + "'");
                }
                checkRange(rule, new BigDecimal(text));
                return new BigDecimal(text).stripTrailingZeros().toPlainString();
            }
            default:
                return string(rule, value);
        }
    }

    private static String string(ParamRule rule, Object value) {
        String name = rule.name();
        if (!(value instanceof CharSequence) && !(value instanceof Number) && !(value instanceof Enum<?>)) {
            throw PveApiException.invalidParam(name, "type check ('string') failed - got a "
                    + value.getClass().getSimpleName());
        }
        String text = value instanceof Number n ? plain(n) : String.valueOf(value);
        if (rule.enumValues() != null && !rule.enumValues().contains(text)) {
            throw PveApiException.invalidParam(name, "value '" + text + "' is not one of " + rule.enumValues());
        }
        if (rule.pattern() != null && !text.matches(rule.pattern())) {
            throw PveApiException.invalidParam(name, "value '" + text + "' does not match the regex pattern '"
                    + rule.pattern() + "'");
        }
        if (rule.format() != null) {
            String problem = Formats.check(rule.format(), text);
            if (problem != null) {
                throw PveApiException.invalidParam(name, problem);
            }
        }
        if (rule.maxLength() != null && text.length() > rule.maxLength()) {
            throw PveApiException.invalidParam(name, "value may be at most " + rule.maxLength() + " characters long");
        }
        if (rule.reserved().contains(text)) {
            throw PveApiException.invalidParam(name, "'" + text + "' is a reserved name");
        }
        return text;
    }

    private static boolean bool(String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        switch (text.toLowerCase()) {
            case "1", "true", "yes", "on":
                return true;
            case "0", "false", "no", "off":
                return false;
            default:
                throw PveApiException.invalidParam(name, "type check ('boolean') failed - got '" + text + "'");
        }
    }

    private static String integerText(String name, Number n) {
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.stripTrailingZeros().scale() > 0) {
                throw PveApiException.invalidParam(name, "type check ('integer') failed - got '" + n + "'");
            }
            return d.toBigInteger().toString();
        }
        return n.toString();
    }

    private static String plain(Number n) {
        return n instanceof Double || n instanceof Float || n instanceof BigDecimal
                ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                : n.toString();
    }

    private static void checkRange(ParamRule rule, BigDecimal value) {
        if (rule.minimum() != null && value.compareTo(BigDecimal.valueOf(rule.minimum())) < 0) {
            throw PveApiException.invalidParam(rule.name(), "value must have a minimum value of " + rule.minimum()
                    + ", got " + value.toPlainString());
        }
        if (rule.maximum() != null && value.compareTo(BigDecimal.valueOf(rule.maximum())) > 0) {
            throw PveApiException.invalidParam(rule.name(), "value must have a maximum value of " + rule.maximum()
                    + ", got " + value.toPlainString());
        }
    }
}
