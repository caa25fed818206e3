package io.pveflow.sim.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A cluster node. {@code online=false} starts it offline (its proxied calls answer 595). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSpec(String name, String ip, Integer cpus, Long memoryMiB, Long rootfsGiB, Boolean online) {

    public NodeSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a node needs a name");
        }
        cpus = cpus == null ? 16 : cpus;
        memoryMiB = memoryMiB == null ? 65536L : memoryMiB;
        rootfsGiB = rootfsGiB == null ? 100L : rootfsGiB;
        online = online == null || online;
    }

    public static NodeSpec of(String name, String ip) {
        return new NodeSpec(name, ip, null, null, null, null);
    }
}
