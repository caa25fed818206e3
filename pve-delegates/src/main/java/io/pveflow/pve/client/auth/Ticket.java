package io.pveflow.pve.client.auth;

import java.time.Instant;

/** A login ticket, its CSRF token and when it was issued (by this client's clock). */
public record Ticket(String value, String csrfToken, String username, Instant issued) {

    @Override
    public String toString() {
        return "Ticket[" + username + ", issued " + issued + "]";
    }
}
