package io.pveflow.pve.client;

import java.util.List;

import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.TaskSummary;
import io.pveflow.pve.client.model.Version;

/** Cluster-wide queries: version, resources, the next free VMID, recent tasks, the caller's permissions. */
public final class ClusterApi {

    /** The {@code type} filter of {@code /cluster/resources}. */
    public enum ResourceType {
        VM, STORAGE, NODE, SDN
    }

    private final PveTransport t;

    ClusterApi(PveTransport transport) {
        this.t = transport;
    }

    /**
     * {@code GET /access/permissions}: the caller's (this token's) privileges per ACL path, as Proxmox reports
     * them; what a connection test shows so an admin sees what the token may do.
     */
    public java.util.Map<String, List<String>> permissions() {
        java.util.Map<String, List<String>> result = new java.util.TreeMap<>();
        com.fasterxml.jackson.databind.JsonNode data = t.call("GET", "/access/permissions", Calls.params()).data();
        if (data != null && data.isObject()) {
            data.fields().forEachRemaining(path -> {
                List<String> privileges = new java.util.ArrayList<>();
                path.getValue().fieldNames().forEachRemaining(privileges::add);
                java.util.Collections.sort(privileges);
                result.put(path.getKey(), privileges);
            });
        }
        return result;
    }

    public Version version() {
        return t.convert(t.call("GET", "/version", Calls.params()).data(), Version.class);
    }

    /** Every resource of the cluster (guests, nodes, storages, pools, SDN). */
    public List<ClusterResource> resources() {
        return resources(null);
    }

    /** Resources of one type; {@link ResourceType#VM} lists VMs and containers alike. */
    public List<ClusterResource> resources(ResourceType type) {
        return t.convertList(t.call("GET", "/cluster/resources", Calls.params("type",
                type == null ? null : type.name().toLowerCase())).data(), ClusterResource.class);
    }

    /** A free VMID (Proxmox may answer a number or a string; both work). */
    public int nextId() {
        return t.call("GET", "/cluster/nextid", Calls.params()).data().asInt();
    }

    /**
     * Asserts that {@code vmid} is free: Proxmox answers it back, or 400 (INVALID_PARAM, {@code errors} naming
     * {@code vmid}) when it is taken.
     */
    public int requireFree(int vmid) {
        return t.call("GET", "/cluster/nextid", Calls.params("vmid", vmid)).data().asInt();
    }

    /** Whether {@code vmid} is free. */
    public boolean isFree(int vmid) {
        try {
            return requireFree(vmid) == vmid;
        } catch (PveApiException e) {
            if (e.status() == 400 && e.errors().containsKey("vmid")) {
                return false;
            }
            throw e;
        }
    }

    /** Recent tasks of the whole cluster. */
    public List<TaskSummary> tasks() {
        return t.convertList(t.call("GET", "/cluster/tasks", Calls.params()).data(), TaskSummary.class);
    }
}
