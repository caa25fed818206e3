package io.pveflow.pve.client.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Records every request the clients of the test suite put on the wire (a network interceptor: after retries and
 * failover, one entry per real request), so a last test can compare them all with Proxmox's schema and
 * tests can count how often something was sent.
 */
public final class RequestRecorder implements Interceptor {

    /** One request: method, path under {@code /api2/json}, parameters (query or form), the answer's status (-1: none). */
    public record Recorded(String method, String path, Map<String, List<String>> params, int status, String test) {
    }

    private static final ConcurrentLinkedQueue<Recorded> ALL = new ConcurrentLinkedQueue<>();
    private static volatile String currentTest = "?";

    public static void currentTest(String name) {
        currentTest = name;
    }

    public static List<Recorded> all() {
        return new ArrayList<>(ALL);
    }

    /** How many requests for {@code method} and a path ending with {@code pathSuffix} were recorded. */
    public static long count(String method, String pathSuffix) {
        return ALL.stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            record(request, -1);
            throw e;
        }
        record(request, response.code());
        return response;
    }

    private static void record(Request request, int status) {
        HttpUrl url = request.url();
        String path = url.encodedPath();
        int api = path.indexOf("/api2/json");
        if (api >= 0) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (String name : url.queryParameterNames()) {
                params.put(name, url.queryParameterValues(name).stream().map(v -> v == null ? "" : v).toList());
            }
            if (request.body() instanceof FormBody form) {
                for (int i = 0; i < form.size(); i++) {
                    params.computeIfAbsent(form.name(i), k -> new ArrayList<>()).add(form.value(i));
                }
            }
            String relative = String.join("/", url.pathSegments()).replaceFirst("^api2/json", "");
            ALL.add(new Recorded(request.method(), relative, params, status, currentTest));
        }
    }
}
