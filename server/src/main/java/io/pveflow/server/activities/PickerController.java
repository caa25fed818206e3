package io.pveflow.server.activities;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pveflow.pve.activity.ActivityFailure;
import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.client.ClusterApi;
import io.pveflow.pve.client.GuestRef;
import io.pveflow.pve.client.GuestType;
import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.server.web.NotFoundException;

/**
 * {@code GET /api/clusters/{id}/pickers/{source}}: values for the modeler's pickers from the live cluster (nodes,
 * guests, storages, snapshots of a guest, HA resources), cached for a few seconds so a form that asks again and
 * again does not load Proxmox.
 */
@RestController
class PickerController {

    /** One choice: the value to store and a label for people. */
    record Choice(Object value, String label, Map<String, Object> details) {
    }

    private record Cached(Instant until, List<Choice> choices) {
    }

    private static final Duration TTL = Duration.ofSeconds(10);
    private static final List<String> SOURCES = List.of("nodes", "guests", "storages", "snapshots", "haResources");

    private final PveClientRegistry clients;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    PickerController(PveClientRegistry clients) {
        this.clients = clients;
    }

    @GetMapping("/api/clusters/{clusterId}/pickers/{source}")
    List<Choice> pick(@PathVariable String clusterId, @PathVariable String source,
                      @RequestParam(required = false) String node, @RequestParam(required = false) Integer vmid) {
        if (!SOURCES.contains(source)) {
            throw new NotFoundException("No picker '" + source + "'; pickers: " + String.join(", ", SOURCES));
        }
        PveClient pve = client(clusterId);
        String key = clusterId + "/" + source + "/" + node + "/" + vmid;
        return cached(key, () -> switch (source) {
            case "nodes" -> pve.nodes().list().stream()
                    .map(n -> new Choice(n.node(), n.node() + " (" + n.status() + ")", Map.of("status", String.valueOf(n.status()))))
                    .toList();
            case "guests" -> guests(pve, node);
            case "storages" -> node == null
                    ? pve.storage().definitions(null).stream().map(s -> new Choice(s.storage(), s.storage() + " (" + s.type()
                            + "; " + s.content() + ")", Map.of("type", s.type(), "content", String.valueOf(s.content())))).toList()
                    : pve.storage().onNode(node, null).stream().map(s -> new Choice(s.storage(), s.storage() + " ("
                            + percent(s.usedFraction()) + " used)", Map.of("type", s.type(), "content", String.valueOf(s.content())))).toList();
            case "snapshots" -> snapshots(pve, vmid);
            default -> pve.ha().resources(null).stream()
                    .map(r -> new Choice(r.sid(), r.sid() + " (" + r.state() + ")", Map.of("state", String.valueOf(r.state()))))
                    .toList();
        });
    }

    private PveClient client(String clusterId) {
        try {
            return clients.client(clusterId);
        } catch (ActivityFailure e) {
            throw new NotFoundException("No cluster with id '" + clusterId + "'");
        }
    }

    private static List<Choice> guests(PveClient pve, String node) {
        List<Choice> choices = new ArrayList<>();
        for (ClusterResource r : pve.cluster().resources(ClusterApi.ResourceType.VM)) {
            if (node == null || node.equals(r.node())) {
                choices.add(new Choice(r.vmid(), r.vmid() + " " + r.name() + " (" + r.type() + ", " + r.status() + " on " + r.node() + ")",
                        Map.of("node", r.node(), "type", r.type(), "status", String.valueOf(r.status()))));
            }
        }
        return choices;
    }

    private static List<Choice> snapshots(PveClient pve, Integer vmid) {
        if (vmid == null) {
            throw new IllegalArgumentException("the snapshots picker needs ?vmid=");
        }
        ClusterResource guest = pve.cluster().resources(ClusterApi.ResourceType.VM).stream()
                .filter(r -> r.vmid() != null && r.vmid().intValue() == vmid).findFirst()
                .orElseThrow(() -> new NotFoundException("No guest " + vmid + " in this cluster"));
        GuestRef ref = new GuestRef(guest.node(), "lxc".equals(guest.type()) ? GuestType.LXC : GuestType.QEMU, vmid);
        return pve.snapshots().list(ref).stream().filter(s -> !"current".equals(s.name()))
                .map(s -> new Choice(s.name(), s.description() == null || s.description().isBlank() ? s.name()
                        : s.name() + " - " + s.description().strip(), Map.of())).toList();
    }

    private List<Choice> cached(String key, Supplier<List<Choice>> load) {
        Cached hit = cache.get(key);
        if (hit != null && hit.until().isAfter(Instant.now())) {
            return hit.choices();
        }
        List<Choice> choices = load.get();
        cache.put(key, new Cached(Instant.now().plus(TTL), choices));
        return choices;
    }

    private static String percent(Double fraction) {
        return fraction == null ? "?" : Math.round(fraction * 100) + "%";
    }

    @ExceptionHandler(PveApiException.class)
    ResponseEntity<Map<String, Object>> clusterError(PveApiException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("status", 502, "error", "Bad Gateway",
                "message", "The cluster answered " + e.code() + ": " + e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("status", 400, "error", "Bad Request", "message", e.getMessage()));
    }
}
