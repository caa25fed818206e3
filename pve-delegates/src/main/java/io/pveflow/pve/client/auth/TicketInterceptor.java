package io.pveflow.pve.client.auth;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends the ticket as cookie {@code PVEAuthCookie} and, on every request that is not a GET, its
 * {@code CSRFPreventionToken}. When the server answers 401 (ticket expired, server restarted with a new key)
 * it logs in again and repeats the request once: a 401 means nothing was done, so repeating is safe.
 */
public final class TicketInterceptor implements Interceptor {

    private final TicketSession session;

    public TicketInterceptor(TicketSession session) {
        this.session = session;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Ticket ticket = session.current();
        Response response = chain.proceed(authenticated(chain.request(), ticket));
        if (response.code() != 401) {
            return response;
        }
        response.close();
        Ticket fresh = session.afterRejection(ticket);
        return chain.proceed(authenticated(chain.request(), fresh));
    }

    private static Request authenticated(Request request, Ticket ticket) {
        // pve-http-server URI-unescapes the cookie; escaping keeps '+' and '/' of the signature intact
        Request.Builder b = request.newBuilder()
                .header("Cookie", "PVEAuthCookie=" + URLEncoder.encode(ticket.value(), StandardCharsets.UTF_8));
        if (!request.method().equals("GET")) {
            b.header("CSRFPreventionToken", ticket.csrfToken());
        }
        return b.build();
    }
}
