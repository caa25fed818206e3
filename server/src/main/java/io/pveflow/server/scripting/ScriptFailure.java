package io.pveflow.server.scripting;

/**
 * A script that did not produce a value: it is invalid, threw, or ran into a limit. The message says which and
 * where ({@code line:column} in the designer's script when known).
 */
public class ScriptFailure extends RuntimeException {

    /** Why the evaluation stopped. */
    public enum Kind { SYNTAX, ERROR, STATEMENT_LIMIT, TIMEOUT, MEMORY_LIMIT, UNSUPPORTED_RESULT }

    private final Kind kind;
    private final int line;
    private final int column;

    public ScriptFailure(Kind kind, String message, int line, int column) {
        super(message);
        this.kind = kind;
        this.line = line;
        this.column = column;
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based line in the script, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column in the script, or 0 when unknown. */
    public int column() {
        return column;
    }
}
