package io.pveflow.sim.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pveflow.sim.api.Endpoint;

/** Finds the endpoint for a method and path, collecting the path parameters ({@code {node}}, {@code {vmid}}). */
final class Router {

    record Match(Endpoint endpoint, Map<String, String> pathParams) {
    }

    private record Route(Endpoint endpoint, String[] segments) {
    }

    private final Map<Integer, List<Route>> bySegmentCount = new HashMap<>();

    Router(List<Endpoint> endpoints) {
        for (Endpoint e : endpoints) {
            String[] segments = split(e.path());
            bySegmentCount.computeIfAbsent(segments.length, k -> new ArrayList<>()).add(new Route(e, segments));
        }
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** The endpoint, or {@code null}; literal segments win over parameters. */
    Match find(String method, String path) {
        String[] parts = split(path);
        List<Route> candidates = bySegmentCount.get(parts.length);
        if (candidates == null) {
            return null;
        }
        Match best = null;
        int bestLiterals = -1;
        for (Route route : candidates) {
            if (!route.endpoint().method().equals(method)) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String seg = route.segments()[i];
                if (seg.startsWith("{") && seg.endsWith("}")) {
                    if (parts[i].isEmpty()) {
                        ok = false;
                    }
                    params.put(seg.substring(1, seg.length() - 1), parts[i]);
                } else if (seg.equals(parts[i])) {
                    literals++;
                } else {
                    ok = false;
                }
            }
            if (ok && literals > bestLiterals) {
                best = new Match(route.endpoint(), params);
                bestLiterals = literals;
            }
        }
        return best;
    }
}
