package io.pveflow.server.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pveflow.server.web.InvalidInputException;

/** The form rules without a server: parsing refusals, conversions, dynamic options and the approval form. */
class FormValidatorTest {

    private static FormSchema parse(String json) {
        return FormParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesFormsItCannotCheck() {
        assertThatThrownBy(() -> parse("[]")).isInstanceOf(InvalidFormException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parse("{\"components\": []}")).hasMessageContaining("needs an \"id\"");
        assertThatThrownBy(() -> parse("{\"id\": \"f\", \"components\": [{\"type\": \"number\", \"key\": \"a\"},"
                + "{\"type\": \"number\", \"key\": \"a\"}]}")).hasMessageContaining("the key 'a' is used by another field");
        assertThatThrownBy(() -> parse("{\"id\": \"f\", \"components\": [{\"type\": \"select\", \"key\": \"s\"}]}"))
                .hasMessageContaining("needs static \"values\" or a \"valuesKey\"");
        assertThatThrownBy(() -> parse("{\"id\": \"f\", \"components\": [{\"type\": \"textfield\", \"key\": \"t\","
                + "\"validate\": {\"pattern\": \"([a-z\"}}]}")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> parse("{\"id\": \"f\", \"id\": \"g\", \"components\": []}")).hasMessageContaining("not valid JSON");
    }

    @Test
    void convertsValuesAndUsesDynamicOptions() {
        FormSchema form = parse("""
                {"id": "f", "components": [
                  {"type": "number", "key": "ratio", "validate": {"min": 0.5}},
                  {"type": "checklist", "key": "nodes", "valuesKey": "nodeList"},
                  {"type": "textarea", "key": "note", "conditional": {"hide": "=true"}, "validate": {"required": true}},
                  {"type": "datetime", "key": "at", "subtype": "datetime"},
                  {"type": "textfield", "key": "vmid", "readonly": true},
                  {"type": "number", "key": "cost", "disabled": true, "validate": {"required": true}}
                ]}""");
        Map<String, Object> values = FormValidator.validate(form,
                Map.of("ratio", 0.75, "nodes", List.of("pve1", "pve2"), "at", "2026-12-01T10:00:00Z", "vmid", "999"),
                key -> key.equals("nodeList") ? List.of("pve1", "pve2", "pve3") : null);
        assertThat(values).containsEntry("ratio", 0.75).containsEntry("nodes", List.of("pve1", "pve2"))
                .doesNotContainKey("note").as("read-only values are dropped").doesNotContainKey("vmid").doesNotContainKey("cost");
        assertThatThrownBy(() -> FormValidator.validate(form, Map.of("nodes", List.of("pve9"), "ratio", 0.1),
                key -> List.of("pve1")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors())
                        .containsEntry("ratio", "ratio must be at least 0.5")
                        .containsEntry("nodes", "nodes must be one of [pve1], got 'pve9'"));
    }

    @Test
    void theApprovalFormWantsADecisionAndACommentToReject() {
        Instant at = Instant.parse("2026-11-30T12:00:00Z");
        assertThat(ApprovalForm.variables("gate", Map.of("decision", "approve"), "alice", at))
                .containsEntry("gate_decision", "approve").containsEntry("gate_by", "alice")
                .containsEntry("gate_at", "2026-11-30T12:00:00Z").containsEntry("gate_comment", null);
        assertThatThrownBy(() -> ApprovalForm.variables("gate", Map.of("decision", "reject", "comment", "  "), "alice", at))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("required when rejecting");
        assertThatThrownBy(() -> ApprovalForm.variables("gate", Map.of(), "alice", at))
                .hasMessageContaining("Decision (decision) is required");
    }
}
