package io.pveflow.pve.activity;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an activity is, described once next to its code and served by {@code GET /api/catalog}: the modeler's
 * palette entry, form and output, and whether it waits for a Proxmox task ({@code flowable:triggerable}).
 *
 * @param id             the bean name used as {@code flowable:delegateExpression="${id}"}
 * @param label          the palette label
 * @param group          the palette group (Guest inventory, Guest operations, Snapshots, Node, Storage, ...)
 * @param icon           an icon name for the canvas
 * @param description    one or two sentences
 * @param fields         the inputs
 * @param resultVariable the default variable the result is stored in (null: no result)
 * @param result         what the result holds
 * @param waits          true when the activity starts a PVE task and waits for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityDescriptor(String id, String label, String group, String icon, String description,
                                 List<FieldSpec> fields, String resultVariable, String result, boolean waits) {

    public ActivityDescriptor {
        fields = List.copyOf(fields);
    }

    /** The fields every waiting activity has: wait (default true) and timeout (ISO-8601). */
    public static List<FieldSpec> waitFields(String defaultTimeout) {
        return List.of(
                FieldSpec.of("wait", "Wait for the task", FieldType.BOOLEAN).defaultValue("true")
                        .help("Wait until Proxmox finishes the task; false continues at once with the UPID"),
                FieldSpec.of("timeout", "Timeout", FieldType.DURATION).defaultValue(defaultTimeout)
                        .help("How long to wait before failing with PVE_TIMEOUT (ISO-8601, e.g. PT10M)"));
    }

    /** The common result field. */
    public static FieldSpec resultVariableField(String defaultName) {
        return FieldSpec.of("resultVariable", "Result variable", FieldType.STRING).defaultValue(defaultName)
                .pattern("[A-Za-z_][A-Za-z0-9_]*").help("The process variable that receives the result");
    }

    public static List<FieldSpec> fields(List<FieldSpec> own, List<FieldSpec> more) {
        List<FieldSpec> all = new ArrayList<>(own);
        all.addAll(more);
        return all;
    }

    public FieldSpec field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
