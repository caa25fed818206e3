package io.pveflow.pve.activities;

import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;

/** Fields many activities share, described once. */
public final class CommonFields {

    public static final FieldSpec VMID = FieldSpec.of("vmid", "Guest (VMID)", FieldType.INTEGER).mandatory()
            .pattern("[1-9][0-9]{2,8}").picker("guests").help("The VM or container, 100 to 999999999");
    public static final FieldSpec NODE = FieldSpec.of("node", "Node", FieldType.STRING).picker("nodes")
            .pattern("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?")
            .help("Optional: found from the VMID when empty");
    public static final FieldSpec TYPE = FieldSpec.of("type", "Guest type", FieldType.ENUM).oneOf("qemu", "lxc")
            .help("Optional: found from the VMID when empty");
    public static final FieldSpec SNAPNAME = FieldSpec.of("snapname", "Snapshot name", FieldType.STRING).mandatory()
            .pattern("[a-zA-Z][a-zA-Z0-9_\\-]{1,39}").picker("snapshots").dependsOn("vmid")
            .help("Letters, digits, '-' and '_', starting with a letter; 'current' is reserved");

    private CommonFields() {
    }
}
