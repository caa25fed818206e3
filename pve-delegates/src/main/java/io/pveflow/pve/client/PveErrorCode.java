package io.pveflow.pve.client;

/**
 * What went wrong, in words a process designer can catch with a BPMN boundary event. The codes are stable: they
 * are part of published processes, so existing values are never renamed or removed.
 */
public enum PveErrorCode {
    /** The guest, snapshot, storage, node, task or job does not exist. */
    NOT_FOUND,
    /** The guest is locked by another operation (backup, snapshot, migrate, ...). */
    LOCKED,
    /** The operation needs a running guest. */
    NOT_RUNNING,
    /** The guest is already running. */
    ALREADY_RUNNING,
    /** The credentials are valid but lack a privilege (HTTP 403). */
    PERMISSION,
    /** The credentials were refused (HTTP 401). */
    AUTH,
    /** A parameter was refused, by this client before sending or by Proxmox (HTTP 400). */
    INVALID_PARAM,
    /** The request conflicts with what exists or with the guest's state (id taken, name used, ...). */
    CONFLICT,
    /** No answer: the endpoint could not be reached, the connection broke, or a node could not reach another (595/596). */
    CONNECTION,
    /** The call or the operation took too long. */
    TIMEOUT,
    /** Anything else the server reported. */
    SERVER
}
