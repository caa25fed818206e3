package io.pveflow.pve.activity;

/** How a field's value is read and shown in the modeler. */
public enum FieldType {
    STRING, INTEGER, BOOLEAN, ENUM, DURATION, LIST, SIZE, OBJECT
}
