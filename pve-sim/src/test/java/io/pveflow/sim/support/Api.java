package io.pveflow.sim.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pveflow.sim.PveSimulator;

/**
 * A deliberately plain PVE client for the simulator's tests (the real client lives in pve-delegates):
 * HttpsURLConnection, because it exposes the status line's reason phrase where PVE puts its messages.
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiUrl;
    private final SSLSocketFactory sockets;
    private String authorization;
    private String ticket;
    private String csrf;

    private Api(PveSimulator sim) {
        this.apiUrl = sim.apiUrl();
        this.sockets = sim.clientSslContext().getSocketFactory();
    }

    public static Api anonymous(PveSimulator sim) {
        return new Api(sim);
    }

    /** Authenticates with {@code Authorization: PVEAPIToken=ID=SECRET}. */
    public static Api token(PveSimulator sim, String id, String secret) {
        Api api = new Api(sim);
        api.authorization = "PVEAPIToken=" + id + "=" + secret;
        return api;
    }

    public static Api root(PveSimulator sim) {
        return token(sim, TestClusters.ROOT_TOKEN, TestClusters.ROOT_SECRET);
    }

    public Api header(String value) {
        this.authorization = value;
        return this;
    }

    public Api ticket(String ticketValue, String csrfToken) {
        this.ticket = ticketValue;
        this.csrf = csrfToken;
        return this;
    }

    public Response get(String path, Object... query) {
        return send("GET", path + queryString(query), null, null);
    }

    public Response delete(String path, Object... query) {
        return send("DELETE", path + queryString(query), null, null);
    }

    public Response post(String path, Object... form) {
        return send("POST", path, "application/x-www-form-urlencoded", form(form));
    }

    public Response put(String path, Object... form) {
        return send("PUT", path, "application/x-www-form-urlencoded", form(form));
    }

    public Response postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    private static String queryString(Object... pairs) {
        String f = form(pairs);
        return f.isEmpty() ? "" : "?" + f;
    }

    private static String form(Object... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(String.valueOf(pairs[i]), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(String.valueOf(pairs[i + 1]), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    public Response send(String method, String path, String contentType, String body) {
        try {
            HttpsURLConnection c = (HttpsURLConnection) URI.create(apiUrl + path).toURL().openConnection();
            c.setSSLSocketFactory(sockets);
            c.setRequestMethod(method);
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            if (ticket != null) {
                c.setRequestProperty("Cookie", "PVEAuthCookie=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8));
            }
            if (csrf != null) {
                c.setRequestProperty("CSRFPreventionToken", csrf);
            }
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            String reason = c.getResponseMessage();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = text.isEmpty() ? null : JSON.readTree(text);
            return new Response(status, reason, json, text);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        }
    }

    /** One answer: status, reason phrase and the JSON body. */
    public record Response(int status, String reason, JsonNode body, String text) {

        public JsonNode data() {
            return body.get("data");
        }

        public String message() {
            JsonNode m = body == null ? null : body.get("message");
            return m == null ? null : m.asText();
        }

        public String error(String param) {
            JsonNode errors = body.get("errors");
            return errors == null || errors.get(param) == null ? null : errors.get(param).asText();
        }

        public String upid() {
            if (status != 200) {
                throw new AssertionError("expected a UPID but got " + status + " " + reason + ": " + text);
            }
            return data().asText();
        }

        public Map<String, String> errors() {
            Map<String, String> map = new LinkedHashMap<>();
            JsonNode errors = body.get("errors");
            if (errors != null) {
                errors.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
            }
            return map;
        }
    }
}
