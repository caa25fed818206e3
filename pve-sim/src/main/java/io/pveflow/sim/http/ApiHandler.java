package io.pveflow.sim.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

import io.pveflow.sim.api.Access;
import io.pveflow.sim.api.ApiDefinitions;
import io.pveflow.sim.api.ApiException;
import io.pveflow.sim.api.Call;
import io.pveflow.sim.api.Reply;
import io.pveflow.sim.api.Simulation;
import io.pveflow.sim.auth.AuthException;
import io.pveflow.sim.auth.Principal;
import io.pveflow.sim.spec.FaultsSpec.ErrorRule;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.validation.ParameterException;
import io.pveflow.sim.validation.Params;
import io.pveflow.sim.validation.Validator;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * The request pipeline, in pve-http-server's order: refuse a GET body, authenticate, find the method (501),
 * proxy to the node (unknown: 500, offline: 595), check privileges (403), validate parameters (400), run the
 * handler. Faults (drop, latency, error) apply before everything else.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String PREFIX = "/api2/json";

    private final Simulation sim;
    private final Router router = new Router(ApiDefinitions.all());
    private final AdminHandler admin;

    ApiHandler(Simulation sim, String adminToken) {
        this.sim = sim;
        this.admin = new AdminHandler(sim, adminToken);
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (ex.isInIoThread()) {
            ex.dispatch(this);
            return;
        }
        ex.startBlocking();
        String method = ex.getRequestMethod().toString();
        String path = ex.getRelativePath();
        if (path.startsWith("/_sim")) {
            admin.handle(ex, method, path);
            return;
        }
        String rel = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
        if (rel != null && rel.length() > 1 && rel.endsWith("/")) {
            rel = rel.substring(0, rel.length() - 1);
        }
        String faultPath = rel == null ? path : rel;
        if (sim.faults().dropFor(method, faultPath)) {
            IoUtils.safeClose(ex.getConnection());
            return;
        }
        long delay = sim.faults().latencyFor(method, faultPath);
        if (delay > 0) {
            Thread.sleep(delay);
        }
        ErrorRule injected = sim.faults().errorFor(method, faultPath);
        if (injected != null) {
            Responses.error(ex, injected.status() == null ? 500 : injected.status(),
                    injected.message() == null ? "simulated failure" : injected.message(), null);
            return;
        }
        try {
            serve(ex, method, rel, path);
        } catch (ParameterException e) {
            Responses.error(ex, 400, e.getMessage(), e.errors());
        } catch (ApiException e) {
            Responses.error(ex, e.status(), e.getMessage(), null);
        } catch (AuthException e) {
            if (e.status() == 401) {
                // PVE delays every failed authentication (3 s); configurable so tests stay fast
                long penalty = sim.spec().timings().loginFailureDelayMillis();
                if (penalty > 0) {
                    Thread.sleep(penalty);
                }
            }
            Responses.error(ex, e.status(), e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.warn("simulator error on {} {}", method, path, e);
            Responses.error(ex, 500, "internal simulator error: " + e, null);
        }
    }

    private void serve(HttpServerExchange ex, String method, String rel, String fullPath) throws IOException {
        if (method.equals("GET") && RequestParams.hasBody(ex)) {
            throw new ApiException(501, "Unexpected content for method 'GET'");
        }
        if (rel == null) {
            throw new ApiException(501, "Method '" + method + " " + fullPath + "' not implemented");
        }
        byte[] body = method.equals("POST") || method.equals("PUT") ? RequestParams.body(ex) : new byte[0];
        Router.Match match = router.find(method, rel);
        Principal principal = null;
        if (match == null || !(match.endpoint().access() instanceof Access.World)) {
            principal = authenticate(ex, method);
        }
        if (match == null) {
            throw new ApiException(501, "Method '" + method + " " + rel + "' not implemented");
        }
        Map<String, List<Object>> raw = RequestParams.read(ex, body);
        match.pathParams().forEach((k, v) -> raw.put(k, new ArrayList<>(List.of(v))));
        proxy(match);
        if (principal != null) {
            checkAccess(principal, match.endpoint().access(), raw);
        }
        Params params = Validator.validate(match.endpoint().parameters(), raw);
        Object result = sim.handler(match.endpoint()).handle(new Call(match.endpoint(), principal, params));
        if (result instanceof Reply reply) {
            Responses.success(ex, reply.data(), reply.total());
        } else {
            Responses.success(ex, result, null);
        }
    }

    private Principal authenticate(HttpServerExchange ex, String method) {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        String ticket = RequestParams.percentDecode(ticketCookie(ex.getRequestHeaders().get(Headers.COOKIE)));
        String csrf = ex.getRequestHeaders().getFirst("CSRFPreventionToken");
        return sim.access().authenticate(method, authorization, ticket, csrf);
    }

    /**
     * The {@code PVEAuthCookie} value as PVE's HTTP server reads it: straight from the Cookie header, up to the
     * next ';'. Clients send tickets encoded or raw (with ':', '/', '+', '='); a generic cookie parser would
     * reject or cut the raw form.
     */
    static String ticketCookie(Iterable<String> cookieHeaders) {
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                String pair = part.trim();
                if (pair.startsWith("PVEAuthCookie=")) {
                    return pair.substring("PVEAuthCookie=".length());
                }
            }
        }
        return null;
    }

    /** PVE forwards node-scoped calls to the node: an unknown name fails the lookup, a dead node 595. */
    private void proxy(Router.Match match) {
        String node = match.pathParams().get("node");
        if (node == null) {
            return;
        }
        Node n = sim.cluster().read(() -> sim.cluster().node(node));
        if (n == null) {
            throw ApiException.fail("hostname lookup '" + node + "' failed - failed to get address info for: "
                    + node + ": Name or service not known");
        }
        if (!n.online() && match.endpoint().proxied()) {
            throw new ApiException(595, "No route to host");
        }
    }

    private void checkAccess(Principal principal, Access access, Map<String, List<Object>> raw) {
        if (!(access instanceof Access.Privileges required)) {
            return;
        }
        if (sim.access().superuser(principal)) {
            return;
        }
        String path = substitute(required.path(), raw);
        Set<String> granted = null;
        if (required.path().equals("/vms/{vmid}")) {
            Integer vmid = parseInt(first(raw, "vmid"));
            if (vmid != null) {
                String pool = sim.cluster().read(() -> {
                    Guest g = sim.cluster().guest(vmid);
                    return g == null ? null : g.pool();
                });
                granted = sim.access().guestPrivileges(principal, vmid, pool);
            }
        }
        sim.access().check(principal, path, required.privileges(), required.any(), granted);
    }

    private static String substitute(String template, Map<String, List<Object>> raw) {
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(k, first(raw, k)));
        String result = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue() != null) {
                result = result.replace("{" + e.getKey() + "}", e.getValue());
            }
        }
        return result;
    }

    private static String first(Map<String, List<Object>> raw, String name) {
        List<Object> values = raw.get(name);
        return values == null || values.isEmpty() ? null : String.valueOf(values.get(values.size() - 1));
    }

    private static Integer parseInt(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
