package io.pveflow.sim.auth;

/** 401 (authentication) or 403 (permission) with PVE's message. */
public final class AuthException extends RuntimeException {

    private final int status;

    public AuthException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static AuthException forbidden(String path, String privileges) {
        return new AuthException(403, "Permission check failed (" + path + ", " + privileges + ")");
    }

    public int status() {
        return status;
    }
}
