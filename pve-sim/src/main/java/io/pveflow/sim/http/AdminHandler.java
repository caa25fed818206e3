package io.pveflow.sim.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.pveflow.sim.api.Simulation;
import io.pveflow.sim.spec.FaultsSpec;
import io.undertow.server.HttpServerExchange;

/**
 * {@code /_sim/...}: the simulator's own control endpoint, outside PVE's API, guarded by its own token
 * ({@code Authorization: Bearer TOKEN}).
 * <ul>
 * <li>{@code GET /_sim/faults} the active fault rules; {@code POST} adds rules (a {@code faults} section as
 * JSON); {@code PUT} replaces them; {@code DELETE} removes them all.</li>
 * <li>{@code POST /_sim/nodes/{node}/offline} and {@code .../online}.</li>
 * <li>{@code POST /_sim/guests/{vmid}/lock?lock=backup} and {@code DELETE} to release.</li>
 * </ul>
 */
final class AdminHandler {

    private final Simulation sim;
    private final String token;

    AdminHandler(Simulation sim, String token) {
        this.sim = sim;
        this.token = token;
    }

    void handle(HttpServerExchange ex, String method, String path) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Bearer " + token;
        if (token == null || auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            Responses.error(ex, 401, "simulator admin token required", null);
            return;
        }
        try {
            route(ex, method, path);
        } catch (IllegalArgumentException e) {
            Responses.error(ex, 400, e.getMessage(), null);
        }
    }

    private void route(HttpServerExchange ex, String method, String path) throws IOException {
        String[] parts = path.substring(1).split("/");
        if (path.equals("/_sim/faults")) {
            switch (method) {
                case "GET" -> Responses.success(ex, sim.faults().describe(), null);
                case "POST", "PUT" -> {
                    FaultsSpec spec = parseFaults(RequestParams.body(ex));
                    if (method.equals("PUT")) {
                        sim.faults().clear();
                    }
                    sim.faults().apply(spec);
                    Responses.success(ex, sim.faults().describe(), null);
                }
                case "DELETE" -> {
                    sim.faults().clear();
                    Responses.success(ex, null, null);
                }
                default -> Responses.error(ex, 501, "Method '" + method + " " + path + "' not implemented", null);
            }
            return;
        }
        if (parts.length == 4 && parts[1].equals("nodes") && method.equals("POST")) {
            if (parts[3].equals("offline")) {
                sim.faults().nodeOffline(parts[2]);
            } else {
                sim.faults().nodeOnline(parts[2]);
            }
            Responses.success(ex, null, null);
            return;
        }
        if (parts.length == 4 && parts[1].equals("guests") && parts[3].equals("lock")) {
            int vmid = Integer.parseInt(parts[2]);
            if (method.equals("DELETE")) {
                sim.faults().releaseLock(vmid);
            } else {
                String lock = ex.getQueryParameters().containsKey("lock")
                        ? ex.getQueryParameters().get("lock").getFirst() : "backup";
                sim.faults().stuckLock(vmid, lock);
            }
            Responses.success(ex, null, null);
            return;
        }
        Responses.error(ex, 501, "Method '" + method + " " + path + "' not implemented", null);
    }

    private static FaultsSpec parseFaults(byte[] body) {
        try {
            if (body.length == 0) {
                return FaultsSpec.none();
            }
            return Responses.JSON.readValue(body, FaultsSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid faults document: " + e.getMessage());
        }
    }

}
