package io.pveflow.server.notifications;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Component;

/**
 * Sends notification requests over the JDK HTTP client with connect and request timeouts, no redirects (a
 * redirect could carry a secret elsewhere), and turns every outcome into success or a {@link DeliveryFailure}
 * that says whether a retry may help. Error texts name the host, never the full URL (which may embed a token).
 */
@Component
class HttpDelivery {

    private static final int MAX_BODY_IN_ERROR = 300;

    private final HttpClient client;
    private final Duration requestTimeout;

    HttpDelivery(NotificationProperties properties) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = properties.requestTimeout();
    }

    static HttpRequest.Builder post(URI uri, String contentType, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .header("User-Agent", "PVEFlow")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Sends and answers the response when it is a 2xx. */
    HttpResponse<String> send(HttpRequest.Builder request) throws DeliveryFailure {
        HttpRequest built = request.timeout(requestTimeout).build();
        String where = where(built.uri());
        HttpResponse<String> response;
        try {
            response = client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw DeliveryFailure.retryable("timed out connecting to " + where);
        } catch (HttpTimeoutException e) {
            throw DeliveryFailure.retryable("no answer from " + where + " within " + requestTimeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw DeliveryFailure.retryable("could not connect to " + where + " (" + describe(e) + ")");
        } catch (IOException e) {
            throw DeliveryFailure.retryable("I/O error talking to " + where + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("interrupted while talking to " + where);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String message = "HTTP " + status + " from " + where + bodyExcerpt(response.body());
        if (status == 429 || status == 503) {
            throw new DeliveryFailure(message, true, retryAfter(response));
        }
        if (status == 408 || status >= 500) {
            throw DeliveryFailure.retryable(message);
        }
        throw DeliveryFailure.permanent(message);
    }

    static String where(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        if (value.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value,
                    DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String bodyExcerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > MAX_BODY_IN_ERROR ? line.substring(0, MAX_BODY_IN_ERROR) + "..." : line);
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String name = cause.getClass().getSimpleName();
        if (cause instanceof ConnectException && cause.getMessage() == null) {
            return "connection refused";
        }
        return cause.getMessage() == null ? name : name + ": " + cause.getMessage();
    }
}
