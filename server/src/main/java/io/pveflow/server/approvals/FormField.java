package io.pveflow.server.approvals;

import java.util.List;

/**
 * One input of a form-js form, reduced to what the server checks: its variable name ({@code key}), type and the
 * rules of its {@code validate} block; {@code options} are the declared values of a select, radio, checklist or
 * taglist ({@code null} when they come from a variable, {@code valuesKey}); {@code conditional} fields may be
 * hidden by the browser, so they are never required; {@code readonly} fields (readonly or disabled) only show
 * a value, so whatever is submitted for them is dropped, never written to the run.
 */
record FormField(String key, String type, String label, boolean required, Double min, Double max, Integer minLength,
                 Integer maxLength, String pattern, String validationType, String subtype, List<String> options,
                 String valuesKey, boolean conditional, boolean readonly) {

    String name() {
        return label == null || label.isBlank() ? key : label + " (" + key + ")";
    }
}
