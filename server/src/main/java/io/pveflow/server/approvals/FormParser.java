package io.pveflow.server.approvals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads form-js schemas ({@code {"id": ..., "type": "default", "components": [...]}}). Only what the server
 * can validate is accepted: inputs it knows, layout components (text, html, image, spacer, separator, button)
 * and groups (recursed); anything else is refused so no field goes unchecked. Input keys become process
 * variables, so they must be plain variable names, unique in the form.
 */
final class FormParser {

    static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "checkbox", "checklist", "radio",
            "select", "taglist", "datetime");
    private static final Set<String> LAYOUT = Set.of("text", "html", "image", "spacer", "separator", "button");
    private static final Set<String> CONTAINERS = Set.of("group");
    private static final Set<String> WITH_OPTIONS = Set.of("checklist", "radio", "select", "taglist");
    private static final Pattern FORM_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:\\-]{0,254}");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private FormParser() {
    }

    static boolean isFormResource(String name) {
        return name != null && name.endsWith(".form");
    }

    static FormSchema parse(byte[] document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidFormException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFormException("not readable: " + e.getMessage());
        }
        return parse(root);
    }

    static FormSchema parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidFormException("not a form-js schema: the document is not a JSON object");
        }
        String id = root.path("id").asText("");
        if (!FORM_ID.matcher(id).matches()) {
            throw new InvalidFormException("the form needs an \"id\" (letters, digits, '_', '-', '.', ':'; what a user "
                    + "task's formKey names), got '" + id + "'");
        }
        if (root.has("type") && !"default".equals(root.path("type").asText())) {
            throw new InvalidFormException("form '" + id + "': \"type\" must be \"default\", got '" + root.path("type").asText() + "'");
        }
        if (!root.path("components").isArray()) {
            throw new InvalidFormException("form '" + id + "': \"components\" must be an array");
        }
        List<FormField> fields = new ArrayList<>();
        collect(id, root.path("components"), "components", fields, new HashSet<>());
        return new FormSchema(id, List.copyOf(fields), root);
    }

    private static void collect(String formId, JsonNode components, String path, List<FormField> fields, Set<String> keys) {
        for (int i = 0; i < components.size(); i++) {
            JsonNode component = components.get(i);
            String where = path + "[" + i + "]";
            String type = component.path("type").asText("");
            if (CONTAINERS.contains(type)) {
                if (component.has("components") && !component.path("components").isArray()) {
                    throw new InvalidFormException("form '" + formId + "', " + where + ": a group's \"components\" must be an array");
                }
                collect(formId, component.path("components"), where + ".components", fields, keys);
            } else if (INPUTS.contains(type)) {
                FormField field = field(formId, where, type, component);
                if (!keys.add(field.key())) {
                    throw new InvalidFormException("form '" + formId + "', " + where + ": the key '" + field.key()
                            + "' is used by another field");
                }
                fields.add(field);
            } else if (!LAYOUT.contains(type)) {
                throw new InvalidFormException("form '" + formId + "', " + where + ": component type '" + type
                        + "' is not supported (inputs: " + String.join(", ", INPUTS.stream().sorted().toList())
                        + "; layout: group, " + String.join(", ", LAYOUT.stream().sorted().toList()) + ")");
            }
        }
    }

    private static FormField field(String formId, String where, String type, JsonNode c) {
        String key = c.path("key").asText("");
        String at = "form '" + formId + "', " + where + " (" + type + ")";
        if (!VARIABLE.matcher(key).matches()) {
            throw new InvalidFormException(at + ": \"key\" must be a variable name (letters, digits, '_', not starting "
                    + "with a digit), got '" + key + "'");
        }
        JsonNode v = c.path("validate");
        String pattern = text(v, "pattern");
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new InvalidFormException(at + " '" + key + "': validate.pattern is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        List<String> options = null;
        String valuesKey = text(c, "valuesKey");
        if (WITH_OPTIONS.contains(type)) {
            if (c.has("values")) {
                if (!c.path("values").isArray()) {
                    throw new InvalidFormException(at + " '" + key + "': \"values\" must be an array of {label, value}");
                }
                options = new ArrayList<>();
                for (JsonNode option : c.path("values")) {
                    if (!option.has("value") || !option.path("value").isValueNode()) {
                        throw new InvalidFormException(at + " '" + key + "': every entry of \"values\" needs a \"value\"");
                    }
                    options.add(option.path("value").asText());
                }
                options = List.copyOf(options);
            } else if (valuesKey == null) {
                throw new InvalidFormException(at + " '" + key + "': needs static \"values\" or a \"valuesKey\"");
            }
        }
        String subtype = "datetime".equals(type) ? c.path("subtype").asText("datetime") : null;
        if (subtype != null && !Set.of("date", "time", "datetime").contains(subtype)) {
            throw new InvalidFormException(at + " '" + key + "': subtype must be date, time or datetime, got '" + subtype + "'");
        }
        return new FormField(key, type, text(c, "label") == null ? text(c, "dateLabel") : text(c, "label"),
                v.path("required").asBoolean(false), number(v, "min"), number(v, "max"), integer(v, "minLength"),
                integer(v, "maxLength"), pattern, text(v, "validationType"), subtype, options, valuesKey,
                c.has("conditional") && !c.path("conditional").isEmpty(),
                c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false));
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static Double number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isNumber() ? value.doubleValue() : null;
    }

    private static Integer integer(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.canConvertToInt() ? value.intValue() : null;
    }
}
