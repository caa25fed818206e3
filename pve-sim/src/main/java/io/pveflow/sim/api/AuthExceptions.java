package io.pveflow.sim.api;

/** Errors for parameters only root@pam may use ({@code skiplock}, {@code force}, ...). */
final class AuthExceptions {

    private AuthExceptions() {
    }

    static io.pveflow.sim.validation.ParameterException rootOnly(String param) {
        return io.pveflow.sim.validation.ParameterException.of(param, "Only root may use this option.");
    }
}
