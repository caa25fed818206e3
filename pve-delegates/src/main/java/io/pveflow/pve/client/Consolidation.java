package io.pveflow.pve.client;

/** How RRD values are consolidated over each step. */
public enum Consolidation {
    AVERAGE, MAX
}
