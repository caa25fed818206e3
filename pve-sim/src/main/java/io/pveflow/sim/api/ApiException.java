package io.pveflow.sim.api;

/** An API failure with PVE's status code and message (500 unless said otherwise). */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException fail(String message) {
        return new ApiException(500, message);
    }

    public int status() {
        return status;
    }
}
