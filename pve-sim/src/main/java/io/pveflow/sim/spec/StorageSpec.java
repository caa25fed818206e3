package io.pveflow.sim.spec;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A storage of {@code storage.cfg}. A storage that is not {@code shared} exists once per node (in
 * {@code nodes}, or on every node when omitted) with its own capacity and volumes. {@code usedGiB} is space
 * taken by things the simulator does not list; volumes add to it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageSpec(
        String id,
        String type,
        List<String> content,
        Boolean shared,
        List<String> nodes,
        Double totalGiB,
        Double usedGiB,
        String path,
        List<VolumeSpec> volumes) {

    public StorageSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a storage needs an id");
        }
        type = type == null ? "dir" : type;
        content = content == null ? List.of("images", "rootdir") : List.copyOf(content);
        shared = shared != null && shared;
        nodes = nodes == null ? null : List.copyOf(nodes);
        totalGiB = totalGiB == null ? 500.0 : totalGiB;
        usedGiB = usedGiB == null ? 0.0 : usedGiB;
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }
}
