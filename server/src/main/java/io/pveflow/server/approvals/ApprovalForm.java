package io.pveflow.server.approvals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pveflow.server.web.InvalidInputException;

/**
 * The built-in approval form, {@code flowable:formKey="pveflow:approval"}: a decision (approve or reject) and a
 * comment, required when rejecting. Its result lands in the run as {@code <taskDefinitionKey>_decision}
 * ({@code approve}, {@code reject}; a timeout may also write {@code skipped} or {@code timed-out}),
 * {@code _comment}, {@code _by} (who decided; {@code system} for a timeout) and {@code _at} (ISO-8601 instant),
 * so several approvals in one process never overwrite each other and gateways read
 * {@code ${approve1_decision == 'approve'}}.
 */
final class ApprovalForm {

    static final String KEY = "pveflow:approval";
    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    static final String SKIPPED = "skipped";
    static final String TIMED_OUT = "timed-out";

    static final FormSchema SCHEMA = FormParser.parse(schemaJson());

    private ApprovalForm() {
    }

    private static JsonNode schemaJson() {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("type", "radio");
        decision.put("key", "decision");
        decision.put("label", "Decision");
        decision.put("validate", Map.of("required", true));
        decision.put("values", List.of(Map.of("label", "Approve", "value", APPROVE), Map.of("label", "Reject", "value", REJECT)));
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("type", "textarea");
        comment.put("key", "comment");
        comment.put("label", "Comment");
        comment.put("description", "Required when rejecting");
        comment.put("validate", Map.of("maxLength", 2000));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("id", KEY);
        form.put("type", "default");
        form.put("components", List.of(decision, comment));
        return new ObjectMapper().valueToTree(form);
    }

    static String variable(String taskDefinitionKey, String suffix) {
        return taskDefinitionKey + "_" + suffix;
    }

    /** Checks the submitted decision and answers the run variables it sets. */
    static Map<String, Object> variables(String taskDefinitionKey, Map<String, Object> values, String user, Instant at) {
        Map<String, Object> checked = FormValidator.validate(SCHEMA, values, key -> null);
        String decision = (String) checked.get("decision");
        String comment = checked.get("comment") == null ? null : ((String) checked.get("comment")).strip();
        if (REJECT.equals(decision) && (comment == null || comment.isEmpty())) {
            throw new InvalidInputException("The values do not fit form '" + KEY + "'",
                    Map.of("comment", "Comment (comment) is required when rejecting"));
        }
        return decided(taskDefinitionKey, decision, comment, user, at);
    }

    static Map<String, Object> decided(String taskDefinitionKey, String decision, String comment, String by, Instant at) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(variable(taskDefinitionKey, "decision"), decision);
        variables.put(variable(taskDefinitionKey, "comment"), comment);
        variables.put(variable(taskDefinitionKey, "by"), by);
        variables.put(variable(taskDefinitionKey, "at"), at.toString());
        return variables;
    }
}
