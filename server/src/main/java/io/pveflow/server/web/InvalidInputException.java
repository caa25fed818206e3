package io.pveflow.server.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Input that breaks a rule (400); {@link #errors()} names each offending field and why. */
public class InvalidInputException extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidInputException(String message, Map<String, String> errors) {
        super(message + ": " + describe(errors));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public Map<String, String> errors() {
        return errors;
    }

    private static String describe(Map<String, String> errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach((field, problem) -> {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(field).append(": ").append(problem);
        });
        return text.toString();
    }
}
