package io.pveflow.server.executions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.ExtensionElement;
import org.flowable.bpmn.model.Process;

import io.pveflow.server.web.InvalidInputException;

/**
 * What a process declares about its runs, as {@code pveflow:} extension elements of the process:
 * {@code <pveflow:concurrency group="vm:${vmid}" limit="1" whenFull="queue|refuse" exclusive="false"/>} and
 * {@code <pveflow:retention days="90"/>}. The group {@code cluster} with {@code exclusive="true"} is a
 * system-wide run: it waits for every other run of the cluster to end and every other run waits for it.
 */
record ProcessSettings(String groupTemplate, int limit, boolean refuseWhenFull, boolean exclusive, Duration retention) {

    static final String NAMESPACE = "http://pveflow.io/schema/bpmn";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    static ProcessSettings none() {
        return new ProcessSettings(null, 0, false, false, null);
    }

    /** Reads the declarations; a malformed one is refused with the attribute it is about. */
    static ProcessSettings of(BpmnModel model) {
        Process process = model.getMainProcess();
        if (process == null) {
            return none();
        }
        ExtensionElement concurrency = first(process, "concurrency");
        ExtensionElement retention = first(process, "retention");
        String group = null;
        int limit = 0;
        boolean refuse = false;
        boolean exclusive = false;
        if (concurrency != null) {
            exclusive = Boolean.parseBoolean(attribute(concurrency, "exclusive", "false"));
            group = attribute(concurrency, "group", exclusive ? "cluster" : null);
            if (group == null || group.isBlank()) {
                throw invalid("concurrency.group", "a concurrency group needs a key, e.g. cluster, node:${node} or vm:${vmid}");
            }
            String limitText = attribute(concurrency, "limit", "1");
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > 10_000) {
                throw invalid("concurrency.limit", "'" + limitText + "' is not a number from 1 to 10000");
            }
            String whenFull = attribute(concurrency, "whenFull", "queue").toLowerCase(Locale.ROOT);
            if (!whenFull.equals("queue") && !whenFull.equals("refuse")) {
                throw invalid("concurrency.whenFull", "'" + whenFull + "' is neither queue nor refuse");
            }
            refuse = whenFull.equals("refuse");
            if (exclusive) {
                limit = 1;
            }
        }
        Duration keep = null;
        if (retention != null) {
            String days = attribute(retention, "days", null);
            String duration = attribute(retention, "duration", null);
            try {
                keep = days != null ? Duration.ofDays(Long.parseLong(days.trim())) : duration != null ? Duration.parse(duration.trim()) : null;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw invalid("retention", "'" + (days != null ? days : duration) + "' is not a number of days or an ISO-8601 duration");
            }
            if (keep != null && (keep.isNegative() || keep.isZero())) {
                throw invalid("retention", "must be longer than zero");
            }
        }
        return new ProcessSettings(group, limit, refuse, exclusive, keep);
    }

    boolean limited() {
        return groupTemplate != null;
    }

    /** The group key of one run: placeholders filled from its start variables, e.g. {@code vm:${vmid}} -> {@code vm:101}. */
    String groupFor(Map<String, Object> variables) {
        if (groupTemplate == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(groupTemplate);
        StringBuilder key = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value = variables.get(name);
            if (value == null) {
                throw invalid("variables." + name, "the process's concurrency group '" + groupTemplate
                        + "' needs the start variable '" + name + "'");
            }
            matcher.appendReplacement(key, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(key);
        String result = key.toString();
        if (result.contains("${")) {
            throw invalid("concurrency.group", "'" + groupTemplate + "' may only use ${variable} placeholders");
        }
        return result.length() > 255 ? result.substring(0, 255) : result;
    }

    private static ExtensionElement first(Process process, String name) {
        List<ExtensionElement> elements = process.getExtensionElements().get(name);
        if (elements == null) {
            return null;
        }
        return elements.stream().filter(e -> NAMESPACE.equals(e.getNamespace())).findFirst().orElse(null);
    }

    private static String attribute(ExtensionElement element, String name, String fallback) {
        String value = element.getAttributeValue(null, name);
        return value == null ? fallback : value;
    }

    private static InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException("The process's PVEFlow settings are invalid", Map.of(field, problem));
    }
}
