package io.pveflow.pve.client.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.PveErrorCode;
import io.pveflow.pve.client.PveErrors;
import io.pveflow.pve.client.validation.RequestValidator;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One API call: validate the parameters, put path parameters into the path, the rest into the query (GET,
 * DELETE) or a form body (POST, PUT), execute, and turn the answer into {@link ApiResponse} or a
 * {@link PveApiException}. Everything else (endpoints, retries, authentication) is the interceptor chain's job.
 */
public final class PveTransport {

    private static final RequestBody EMPTY_FORM = new FormBody.Builder().build();

    private final OkHttpClient http;
    private final HttpUrl base;

    public PveTransport(OkHttpClient http, HttpUrl base) {
        this.http = http;
        this.base = base;
    }

    /** Calls {@code method pathTemplate} with {@code params} (path parameters included; nulls are omitted). */
    public ApiResponse call(String method, String pathTemplate, Map<String, ?> params) {
        Map<String, List<String>> wire = new LinkedHashMap<>(RequestValidator.validate(method, pathTemplate, params));
        Request request = build(method, pathTemplate, wire);
        try (Response response = http.newCall(request).execute()) {
            return read(method, pathTemplate, response);
        } catch (ApiFailureIOException e) {
            throw e.failure();
        } catch (IOException e) {
            throw failure(method, pathTemplate, e);
        }
    }

    public <T> T convert(JsonNode node, Class<T> type) {
        return PveJson.mapper().convertValue(node, type);
    }

    public <T> List<T> convertList(JsonNode node, Class<T> type) {
        JavaType listType = PveJson.mapper().getTypeFactory().constructCollectionType(List.class, type);
        if (node == null || node.isNull()) {
            return List.of();
        }
        return PveJson.mapper().convertValue(node, listType);
    }

    private Request build(String method, String template, Map<String, List<String>> wire) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : template.substring(1).split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                List<String> value = wire.remove(name);
                url.addPathSegment(value.get(0));
            } else {
                url.addPathSegment(segment);
            }
        }
        Request.Builder request = new Request.Builder();
        if (method.equals("GET") || method.equals("DELETE")) {
            wire.forEach((name, values) -> values.forEach(v -> url.addQueryParameter(name, v)));
            request.method(method, null);
        } else {
            FormBody.Builder form = new FormBody.Builder();
            wire.forEach((name, values) -> values.forEach(v -> form.add(name, v)));
            RequestBody body = wire.isEmpty() ? EMPTY_FORM : form.build();
            request.method(method, body);
        }
        return request.url(url.build()).build();
    }

    private ApiResponse read(String method, String template, Response response) throws IOException {
        ResponseBody body = response.body();
        String text = body == null ? "" : body.string();
        JsonNode json = parse(text);
        if (!response.isSuccessful()) {
            throw httpFailure(response.code(), response.message(), json);
        }
        if (json == null || !json.isObject()) {
            throw new PveApiException(PveErrorCode.SERVER, response.code(),
                    method + " " + template + ": the answer is not a JSON object");
        }
        JsonNode total = json.get("total");
        return new ApiResponse(json.get("data"), total == null || total.isNull() ? null : total.asLong());
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return PveJson.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The message is the body's {@code message} (pve-http-server 5.2+), else the reason phrase. */
    static PveApiException httpFailure(int status, String reason, JsonNode json) {
        String message = null;
        Map<String, String> errors = new LinkedHashMap<>();
        if (json != null && json.isObject()) {
            JsonNode m = json.get("message");
            if (m != null && m.isTextual() && !m.asText().isBlank()) {
                message = m.asText().strip();
            }
            JsonNode e = json.get("errors");
            if (e != null && e.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = e.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    errors.put(f.getKey(), f.getValue().asText().strip());
                }
            }
        }
        if (message == null) {
            message = reason != null && !reason.isBlank() ? reason.strip() : "HTTP " + status;
        }
        String full = message;
        if (!errors.isEmpty()) {
            StringBuilder b = new StringBuilder(message.endsWith(".") ? message.substring(0, message.length() - 1)
                    : message).append(':');
            errors.forEach((k, v) -> b.append(' ').append(k).append(": ").append(v).append(';'));
            full = b.substring(0, b.length() - 1);
        }
        return new PveApiException(PveErrors.classify(status, full), status, full, errors, null);
    }

    private static PveApiException failure(String method, String template, IOException e) {
        String what = method + " " + template + ": ";
        if (e instanceof EndpointsUnreachableException) {
            return new PveApiException(PveErrorCode.CONNECTION, 0, what + e.getMessage(), null, e);
        }
        if (e instanceof InterruptedIOException) {
            return new PveApiException(PveErrorCode.TIMEOUT, 0, what + "timed out (" + e.getMessage() + ")", null, e);
        }
        return new PveApiException(PveErrorCode.CONNECTION, 0, what + "connection failed: "
                + FailoverInterceptor.describe(e), null, e);
    }
}
