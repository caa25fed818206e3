package io.pveflow.pve.activity;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.common.engine.impl.scripting.ScriptEngineRequest;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.DelegateHelper;
import org.flowable.engine.impl.util.CommandContextUtil;

/**
 * Reads an activity's fields for one execution (never injected into the singleton bean): literal,
 * {@code ${...}} expression, or JavaScript written as {@code js{ ... }}, which runs in the server's sandbox
 * through Flowable's scripting engines. Values are checked against the field's {@link FieldSpec}; a bad value
 * is a {@code PVE_INVALID_PARAM} BPMN error naming the field.
 */
public final class FieldReader {

    private final DelegateExecution execution;
    private final ActivityDescriptor descriptor;

    public FieldReader(DelegateExecution execution, ActivityDescriptor descriptor) {
        this.execution = execution;
        this.descriptor = descriptor;
    }

    /** True when the text is a JavaScript field value: {@code js{ ... }}. */
    public static boolean isJavaScript(String text) {
        String trimmed = text == null ? "" : text.trim();
        return trimmed.startsWith("js{") && trimmed.endsWith("}");
    }

    /** The raw value (after expression or script evaluation), the default when absent, or null. */
    public Object raw(String name) {
        FieldSpec spec = spec(name);
        Object value = null;
        Expression expression = DelegateHelper.getFieldExpression(execution, name);
        if (expression != null) {
            value = expression.getValue(execution);
            if (value instanceof String text && isJavaScript(text)) {
                String script = text.trim();
                value = CommandContextUtil.getProcessEngineConfiguration().getScriptingEngines()
                        .evaluate(ScriptEngineRequest.builder().language("javascript")
                                .script(script.substring(3, script.length() - 1)).scopeContainer(execution).build())
                        .getResult();
            }
        }
        if (value instanceof String text && text.isBlank()) {
            value = null;
        }
        if (value == null && spec.defaultValue() != null) {
            value = spec.defaultValue();
        }
        if (value == null && spec.required()) {
            throw ActivityFailure.invalidInput(name, "a value is required");
        }
        return value;
    }

    public String string(String name) {
        Object value = raw(name);
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        FieldSpec spec = spec(name);
        if (spec.values() != null && !spec.values().contains(text)) {
            throw ActivityFailure.invalidInput(name, "'" + text + "' is not one of " + String.join(", ", spec.values()));
        }
        if (spec.pattern() != null && !Pattern.matches(spec.pattern(), text)) {
            throw ActivityFailure.invalidInput(name, "'" + text + "' does not match " + spec.pattern());
        }
        return text;
    }

    public Integer integer(String name) {
        Object value = raw(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            if (number.doubleValue() != Math.rint(number.doubleValue())) {
                throw ActivityFailure.invalidInput(name, "'" + value + "' is not a whole number");
            }
            return number.intValue();
        }
        try {
            return Integer.valueOf(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw ActivityFailure.invalidInput(name, "'" + value + "' is not a whole number");
        }
    }

    public boolean bool(String name) {
        Object value = raw(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ActivityFailure.invalidInput(name, "'" + value + "' is not true or false");
        };
    }

    public Duration duration(String name) {
        Object value = raw(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Duration d) {
            return d;
        }
        try {
            return Duration.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw ActivityFailure.invalidInput(name, "'" + value + "' is not an ISO-8601 duration (e.g. PT10M)");
        }
    }

    /** A list from a collection, an array, or a comma-separated string. */
    public List<Object> list(String name) {
        Object value = raw(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        List<Object> items = new ArrayList<>();
        for (String part : String.valueOf(value).split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    private FieldSpec spec(String name) {
        FieldSpec spec = descriptor.field(name);
        if (spec == null) {
            throw new IllegalArgumentException("Activity " + descriptor.id() + " has no field '" + name + "'");
        }
        return spec;
    }
}
