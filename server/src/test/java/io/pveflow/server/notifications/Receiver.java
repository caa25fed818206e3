package io.pveflow.server.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP service on 127.0.0.1 that records every request and answers from a script of responses
 * (200 when the script is empty), standing in for Slack, Telegram, ntfy, Gotify or a webhook receiver.
 */
final class Receiver implements AutoCloseable {

    record Request(String method, String path, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, "", Map.of());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    private Receiver(HttpServer server) {
        this.server = server;
    }

    static Receiver start() throws IOException {
        return start(0);
    }

    static Receiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        Receiver receiver = new Receiver(server);
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            receiver.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders(), body));
            Answer answer;
            synchronized (receiver.script) {
                answer = receiver.script.isEmpty() ? new Answer(200, "{\"ok\":true}", Map.of()) : receiver.script.poll();
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** Answers the next requests with these, in order; later ones get 200. */
    Receiver answer(Answer... answers) {
        synchronized (script) {
            script.addAll(List.of(answers));
        }
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request awaitRequests(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (requests.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        if (requests.size() < count) {
            throw new AssertionError("Expected " + count + " request(s) within " + timeout + ", got " + requests.size());
        }
        return requests.get(count - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
