package io.pveflow.server.clusters;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/clusters}: every signed-in user may list and read clusters (to pick one), only admins change
 * them or test their connection. Responses never contain the token secret.
 */
@RestController
@RequestMapping("/api/clusters")
class ClusterController {

    private final ClusterService clusters;
    private final ClusterProbe probe;

    ClusterController(ClusterService clusters, ClusterProbe probe) {
        this.clusters = clusters;
        this.probe = probe;
    }

    @GetMapping
    List<ClusterView> list() {
        return clusters.list().stream().map(ClusterView::of).toList();
    }

    @GetMapping("/{id}")
    ClusterView get(@PathVariable String id) {
        return ClusterView.of(clusters.get(id));
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ClusterView> create(@RequestBody ClusterRequest request) {
        Cluster created = clusters.create(request);
        return ResponseEntity.created(URI.create("/api/clusters/" + created.id())).body(ClusterView.of(created));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ClusterView update(@PathVariable String id, @RequestBody ClusterRequest request) {
        return ClusterView.of(clusters.update(id, request));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> delete(@PathVariable String id) {
        clusters.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/test")
    @PreAuthorize("hasRole('ADMIN')")
    ClusterProbe.ProbeResult test(@PathVariable String id) {
        return probe.probe(clusters.credentials(id));
    }
}
