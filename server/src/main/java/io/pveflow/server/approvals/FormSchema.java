package io.pveflow.server.approvals;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed form-js form: its id (what a user task's formKey names), its inputs, and the schema as written. */
record FormSchema(String id, List<FormField> fields, JsonNode schema) {

    FormField field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }
}
