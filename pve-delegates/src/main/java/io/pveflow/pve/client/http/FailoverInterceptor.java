package io.pveflow.pve.client.http;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pveflow.pve.client.tls.FingerprintMismatchException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends each request to the cluster endpoint that answered last and, when it cannot be reached, to the next
 * ones in turn: a node rebooting during a run is then just skipped. Only failures that happened before the
 * request was written move on (a request that may have reached a node is never sent to another). Requests are
 * built against the first endpoint; this interceptor rewrites scheme, host, port and base path.
 */
public final class FailoverInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverInterceptor.class);

    private final List<HttpUrl> endpoints;
    private final AtomicInteger preferred = new AtomicInteger();

    public FailoverInterceptor(List<HttpUrl> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoint");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    /** The endpoint tried first: the one that answered last. */
    public HttpUrl preferred() {
        return endpoints.get(preferred.get());
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String relative = relativePath(request.url());
        int first = preferred.get();
        StringBuilder failures = new StringBuilder();
        IOException last = null;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (first + i) % endpoints.size();
            HttpUrl endpoint = endpoints.get(index);
            AttemptState attempt = new AttemptState();
            Request routed = request.newBuilder()
                    .url(rebase(request.url(), endpoint, relative))
                    .tag(AttemptState.class, attempt)
                    .build();
            try {
                Response response = chain.proceed(routed);
                preferred.set(index);
                return response;
            } catch (ApiFailureIOException e) {
                throw e; // an answer (a refused login), not an unreachable endpoint
            } catch (EndpointsUnreachableException e) {
                throw e; // a nested call (the login) already tried every endpoint
            } catch (IOException e) {
                if (attempt.sent() || chain.call().isCanceled()) {
                    throw e;
                }
                last = e;
                failures.append(failures.length() == 0 ? "" : "; ").append(endpoint.host()).append(':')
                        .append(endpoint.port()).append(": ").append(describe(e));
                if (i + 1 < endpoints.size()) {
                    LOG.debug("cannot reach {}:{} ({}), trying the next endpoint", endpoint.host(), endpoint.port(),
                            describe(e));
                }
            }
        }
        throw new EndpointsUnreachableException("cannot connect to " + failures, last);
    }

    private String relativePath(HttpUrl url) {
        String base = endpoints.get(0).encodedPath();
        String path = url.encodedPath();
        return path.startsWith(base) ? path.substring(base.length()) : path;
    }

    private static HttpUrl rebase(HttpUrl url, HttpUrl endpoint, String relative) {
        String basePath = endpoint.encodedPath().endsWith("/")
                ? endpoint.encodedPath().substring(0, endpoint.encodedPath().length() - 1)
                : endpoint.encodedPath();
        return url.newBuilder()
                .scheme(endpoint.scheme())
                .host(endpoint.host())
                .port(endpoint.port())
                .encodedPath(basePath + relative)
                .build();
    }

    /** The most telling message of a failure chain (an SSL error's certificate reason, not the wrapper). */
    static String describe(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
            if (t instanceof FingerprintMismatchException) {
                return t.getMessage();
            }
        }
        String message = deepest.getMessage();
        return message == null ? deepest.getClass().getSimpleName() : message;
    }
}
