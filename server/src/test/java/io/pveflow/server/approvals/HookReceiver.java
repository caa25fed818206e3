package io.pveflow.server.approvals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A local webhook receiver on 127.0.0.1 that keeps every JSON body it gets and answers 200. */
final class HookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    private HookReceiver(HttpServer server) {
        this.server = server;
    }

    static HookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HookReceiver receiver = new HookReceiver(server);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                receiver.bodies.add(JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // not JSON: not one of ours
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** Waits for a message that matches and answers it. */
    JsonNode await(Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode body : bodies) {
                if (matching.test(body)) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No matching message within " + timeout + "; got: " + bodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
