package io.pveflow.server.approvals;

/** A form document that cannot be used: not JSON, not a form-js form, or using something the server cannot check. */
class InvalidFormException extends RuntimeException {

    InvalidFormException(String message) {
        super(message);
    }
}
