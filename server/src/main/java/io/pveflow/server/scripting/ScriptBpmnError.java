package io.pveflow.server.scripting;

/** A script asked for a BPMN error ({@code bpmnError(code, message)}): a boundary error event may catch it. */
public class ScriptBpmnError extends RuntimeException {

    private final String errorCode;

    public ScriptBpmnError(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
