package io.pveflow.pve.client.validation;

/** The JSON-schema types Proxmox uses for parameters. */
public enum ParamType {
    STRING, INTEGER, NUMBER, BOOLEAN, ARRAY;

    /** The schema's spelling ({@code "integer"}, ...). */
    public String schemaName() {
        return name().toLowerCase();
    }
}
