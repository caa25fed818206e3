package io.pveflow.server.approvals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.pveflow.server.web.InvalidInputException;

/**
 * Checks submitted values against a form's rules on the server (the browser is never trusted) and converts them
 * to the variable values a run gets: numbers as Long or Double, checkboxes as Boolean, checklists and taglists as
 * lists of strings, everything else as strings. Every problem is collected and reported per field key in one 400.
 */
final class FormValidator {

    static final int MAX_TEXT = 10_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{5,32}");

    private FormValidator() {
    }

    /**
     * The converted values; unknown keys, missing required fields and broken rules are a 400 naming each field.
     * {@code dynamicOptions} answers the allowed values of a field whose options come from a variable (valuesKey),
     * or null when they are not known.
     */
    static Map<String, Object> validate(FormSchema form, Map<String, Object> submitted,
                                        Function<String, Collection<String>> dynamicOptions) {
        Map<String, Object> values = submitted == null ? Map.of() : submitted;
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            if (form.field(key) == null) {
                errors.put(key, "is not a field of form '" + form.id() + "'");
            }
        }
        for (FormField field : form.fields()) {
            if (field.readonly()) {
                continue; // shown, not entered: the browser's copy of it is not trusted
            }
            Object raw = values.get(field.key());
            if (isEmpty(raw)) {
                if (field.required() && !field.conditional()) {
                    errors.put(field.key(), field.name() + " is required");
                } else if (values.containsKey(field.key()) && "checkbox".equals(field.type())) {
                    result.put(field.key(), Boolean.FALSE);
                }
                continue;
            }
            try {
                result.put(field.key(), convert(field, raw, dynamicOptions));
            } catch (IllegalArgumentException e) {
                errors.put(field.key(), field.name() + " " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The values do not fit form '" + form.id() + "'", errors);
        }
        return result;
    }

    private static boolean isEmpty(Object raw) {
        return raw == null || (raw instanceof String s && s.isEmpty()) || (raw instanceof Collection<?> c && c.isEmpty());
    }

    private static Object convert(FormField field, Object raw, Function<String, Collection<String>> dynamicOptions) {
        return switch (field.type()) {
            case "textfield", "textarea" -> text(field, raw);
            case "number" -> number(field, raw);
            case "checkbox" -> {
                if (!(raw instanceof Boolean b)) {
                    throw new IllegalArgumentException("must be true or false");
                }
                if (field.required() && !field.conditional() && !b) {
                    throw new IllegalArgumentException("must be checked");
                }
                yield b;
            }
            case "radio", "select" -> {
                if (!(raw instanceof String) && !(raw instanceof Number) && !(raw instanceof Boolean)) {
                    throw new IllegalArgumentException("must be one value");
                }
                String value = String.valueOf(raw);
                option(field, value, dynamicOptions);
                yield value;
            }
            case "checklist", "taglist" -> {
                if (!(raw instanceof Collection<?> list)) {
                    throw new IllegalArgumentException("must be a list of values");
                }
                List<String> chosen = new ArrayList<>();
                for (Object item : list) {
                    if (item == null || item instanceof Map || item instanceof Collection) {
                        throw new IllegalArgumentException("must be a list of plain values");
                    }
                    String value = String.valueOf(item);
                    option(field, value, dynamicOptions);
                    chosen.add(value);
                }
                yield List.copyOf(chosen);
            }
            case "datetime" -> datetime(field, raw);
            default -> throw new IllegalArgumentException("has an unsupported type " + field.type());
        };
    }

    private static String text(FormField field, Object raw) {
        if (!(raw instanceof String value)) {
            throw new IllegalArgumentException("must be text");
        }
        int max = field.maxLength() == null ? MAX_TEXT : Math.min(field.maxLength(), MAX_TEXT);
        if (field.minLength() != null && value.length() < field.minLength()) {
            throw new IllegalArgumentException("must have at least " + field.minLength() + " characters");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException("must have at most " + max + " characters");
        }
        if (field.pattern() != null && !Pattern.compile(field.pattern()).matcher(value).find()) {
            throw new IllegalArgumentException("must match the pattern " + field.pattern());
        }
        if ("email".equals(field.validationType()) && !EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("must be an e-mail address");
        }
        if ("phone".equals(field.validationType()) && !PHONE.matcher(value).matches()) {
            throw new IllegalArgumentException("must be a phone number");
        }
        return value;
    }

    private static Number number(FormField field, Object raw) {
        double value;
        if (raw instanceof Number n) {
            value = n.doubleValue();
        } else if (raw instanceof String s) {
            try {
                value = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number, got '" + s + "'");
            }
        } else {
            throw new IllegalArgumentException("must be a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("must be a finite number");
        }
        if (field.min() != null && value < field.min()) {
            throw new IllegalArgumentException("must be at least " + plain(field.min()));
        }
        if (field.max() != null && value > field.max()) {
            throw new IllegalArgumentException("must be at most " + plain(field.max()));
        }
        if (value == Math.rint(value) && Math.abs(value) < 9.0e15) {
            return (long) value;
        }
        return value;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void option(FormField field, String value, Function<String, Collection<String>> dynamicOptions) {
        Collection<String> allowed = field.options() != null ? field.options()
                : field.valuesKey() == null ? null : dynamicOptions.apply(field.valuesKey());
        if (allowed == null) {
            throw new IllegalArgumentException("cannot be checked: its options (variable '" + field.valuesKey()
                    + "') are not known to the run");
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("must be one of " + allowed + ", got '" + value + "'");
        }
    }

    private static String datetime(FormField field, Object raw) {
        if (!(raw instanceof String value)) {
            throw new IllegalArgumentException("must be a " + field.subtype() + " as text");
        }
        try {
            switch (field.subtype()) {
                case "date" -> LocalDate.parse(value);
                case "time" -> {
                    if (value.matches(".*([+-]\\d\\d:\\d\\d|Z)$")) {
                        OffsetTime.parse(value);
                    } else {
                        LocalTime.parse(value);
                    }
                }
                default -> {
                    if (value.matches(".*([+-]\\d\\d:\\d\\d|Z)$")) {
                        OffsetDateTime.parse(value);
                    } else {
                        LocalDateTime.parse(value);
                    }
                }
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 " + field.subtype() + " (e.g. "
                    + switch (field.subtype()) {
                        case "date" -> "2026-11-30";
                        case "time" -> "14:30";
                        default -> "2026-11-30T14:30";
                    } + "), got '" + value + "'");
        }
        return value;
    }
}
