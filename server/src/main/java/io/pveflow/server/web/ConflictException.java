package io.pveflow.server.web;

/** The request contradicts the current state, e.g. an id already taken (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
