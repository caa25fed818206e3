package io.pveflow.pve.client.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.PveErrorCode;
import io.pveflow.pve.client.PveErrors;
import io.pveflow.pve.client.PveCredentials;
import io.pveflow.pve.client.http.ApiFailureIOException;
import io.pveflow.pve.client.http.PveJson;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Holds the cluster's ticket: logs in on first use, renews it once it is older than {@code renewAfter} (tickets
 * live two hours; renewal posts the current ticket as the password, so the password is needed only when that
 * fails), and logs in again when the server refused it. Shared by all calls of a client; one login at a time.
 */
public final class TicketSession {

    private final OkHttpClient http;
    private final HttpUrl loginUrl;
    private final PveCredentials.Password credentials;
    private final Duration renewAfter;
    private final Clock clock;
    private Ticket ticket;

    /** {@code http} must not carry the ticket interceptor itself (it would ask itself for a ticket). */
    public TicketSession(OkHttpClient http, HttpUrl base, PveCredentials.Password credentials, Duration renewAfter,
            Clock clock) {
        this.http = http;
        this.loginUrl = base.newBuilder().addPathSegments("access/ticket").build();
        this.credentials = credentials;
        this.renewAfter = renewAfter;
        this.clock = clock;
    }

    /** A ticket to use now: the current one, renewed or newly obtained when needed. */
    public synchronized Ticket current() throws IOException {
        if (ticket == null) {
            ticket = login(credentials.password());
        } else if (Duration.between(ticket.issued(), clock.instant()).compareTo(renewAfter) >= 0) {
            try {
                ticket = login(ticket.value());
            } catch (ApiFailureIOException e) {
                if (e.failure().code() != PveErrorCode.AUTH) {
                    throw e;
                }
                ticket = login(credentials.password()); // the old ticket was no longer accepted
            }
        }
        return ticket;
    }

    /** The server refused {@code rejected}: log in again, unless another call already did. */
    public synchronized Ticket afterRejection(Ticket rejected) throws IOException {
        if (ticket != null && ticket != rejected) {
            return ticket;
        }
        ticket = null;
        ticket = login(credentials.password());
        return ticket;
    }

    private Ticket login(String password) throws IOException {
        Request request = new Request.Builder().url(loginUrl)
                .post(new FormBody.Builder().add("username", credentials.username()).add("password", password)
                        .build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            JsonNode json = body.isBlank() ? null : PveJson.mapper().readTree(body);
            if (!response.isSuccessful()) {
                String message = json != null && json.hasNonNull("message") ? json.get("message").asText().strip()
                        : response.message();
                PveErrorCode code = response.code() == 401 ? PveErrorCode.AUTH
                        : PveErrors.classify(response.code(), message);
                throw new ApiFailureIOException(new PveApiException(code, response.code(),
                        "login as " + credentials.username() + " failed: " + message));
            }
            JsonNode data = json == null ? null : json.get("data");
            if (data == null || !data.hasNonNull("ticket") || !data.hasNonNull("CSRFPreventionToken")) {
                throw new ApiFailureIOException(new PveApiException(PveErrorCode.AUTH, response.code(),
                        "login as " + credentials.username() + " failed: no ticket in the answer"));
            }
            return new Ticket(data.get("ticket").asText(), data.get("CSRFPreventionToken").asText(),
                    data.path("username").asText(credentials.username()), clock.instant());
        }
    }

    @Override
    public String toString() {
        return "TicketSession[" + credentials.username() + "]";
    }
}
