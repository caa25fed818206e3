package io.pveflow.sim.validation;

import java.util.Map;

/** A 400 answer: {@code Parameter verification failed.} with one message per offending parameter. */
public final class ParameterException extends RuntimeException {

    private final transient Map<String, String> errors;

    public ParameterException(Map<String, String> errors) {
        super("Parameter verification failed.");
        this.errors = Map.copyOf(errors);
    }

    public static ParameterException of(String param, String message) {
        return new ParameterException(Map.of(param, message));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
