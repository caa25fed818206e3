package io.pveflow.pve.activity;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One input of an activity, as the catalogue describes it: the modeler builds its form from this and the
 * deploy-time check validates literal values against it.
 *
 * @param name         the {@code flowable:field} name (Proxmox's parameter name where there is one)
 * @param label        the form label
 * @param type         how the value is read
 * @param required     whether a value must be given
 * @param values       the allowed values of an {@link FieldType#ENUM}
 * @param pattern      a regular expression a literal must match
 * @param defaultValue the value used when none is given
 * @param help         one sentence for the form
 * @param picker       where the modeler offers values from the live cluster: nodes, guests, storages,
 *                     snapshots, haResources (null: free input)
 * @param dependsOn    the field a picker depends on (snapshots of the chosen {@code vmid})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSpec(String name, String label, FieldType type, boolean required, List<String> values,
                        String pattern, String defaultValue, String help, String picker, String dependsOn) {

    public static FieldSpec of(String name, String label, FieldType type) {
        return new FieldSpec(name, label, type, false, null, null, null, null, null, null);
    }

    public FieldSpec mandatory() {
        return new FieldSpec(name, label, type, true, values, pattern, defaultValue, help, picker, dependsOn);
    }

    public FieldSpec oneOf(String... allowed) {
        return new FieldSpec(name, label, FieldType.ENUM, required, List.of(allowed), pattern, defaultValue, help, picker, dependsOn);
    }

    public FieldSpec pattern(String regex) {
        return new FieldSpec(name, label, type, required, values, regex, defaultValue, help, picker, dependsOn);
    }

    public FieldSpec defaultValue(String value) {
        return new FieldSpec(name, label, type, required, values, pattern, value, help, picker, dependsOn);
    }

    public FieldSpec help(String text) {
        return new FieldSpec(name, label, type, required, values, pattern, defaultValue, text, picker, dependsOn);
    }

    public FieldSpec picker(String source) {
        return new FieldSpec(name, label, type, required, values, pattern, defaultValue, help, source, dependsOn);
    }

    public FieldSpec dependsOn(String field) {
        return new FieldSpec(name, label, type, required, values, pattern, defaultValue, help, picker, field);
    }
}
