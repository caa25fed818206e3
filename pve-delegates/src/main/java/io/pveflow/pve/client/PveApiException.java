package io.pveflow.pve.client;

import java.util.Map;

/**
 * The one exception of the client. {@link #code()} says what kind of failure it is (stable, for BPMN error
 * handling), {@link #status()} is the HTTP status (0 when there was no answer), {@link #errors()} holds
 * Proxmox's per-parameter messages of a 400. Messages never contain credentials.
 */
public final class PveApiException extends RuntimeException {

    private final PveErrorCode code;
    private final int status;
    private final Map<String, String> errors;

    public PveApiException(PveErrorCode code, int status, String message, Map<String, String> errors, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
        this.errors = errors == null ? Map.of() : Map.copyOf(errors);
    }

    public PveApiException(PveErrorCode code, int status, String message) {
        this(code, status, message, null, null);
    }

    /** A request refused by this client's own checks, before anything was sent. */
    public static PveApiException invalidParam(String parameter, String problem) {
        return new PveApiException(PveErrorCode.INVALID_PARAM, 0, "parameter '" + parameter + "': " + problem,
                Map.of(parameter, problem), null);
    }

    public PveErrorCode code() {
        return code;
    }

    /** HTTP status; 0 when no answer was received (or the request was refused locally). */
    public int status() {
        return status;
    }

    /** Per-parameter messages (400 answers and local validation); empty otherwise. */
    public Map<String, String> errors() {
        return errors;
    }

    @Override
    public String toString() {
        return "PveApiException[" + code + (status > 0 ? ", HTTP " + status : "") + "]: " + getMessage();
    }
}
