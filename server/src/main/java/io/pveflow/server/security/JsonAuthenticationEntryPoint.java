package io.pveflow.server.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for API requests, as JSON. Script clients get a Basic challenge; the UI's own requests (marked with
 * {@code X-Requested-With}) do not, so the browser never pops up a password dialog and never caches Basic
 * credentials that cross-site requests could ride on.
 */
final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final String realm;

    JsonAuthenticationEntryPoint(String realm) {
        this.realm = realm;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        }
        JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                "Authentication required: sign in, or send HTTP Basic credentials", request.getRequestURI());
    }
}
