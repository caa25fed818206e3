package io.pveflow.sim.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file on a storage that is not a guest disk: ISO, container template or backup. {@code volid} may be
 * given in full ({@code local:iso/debian.iso}) or as the part after the colon. {@code node} is needed for
 * local (not shared) storages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeSpec(
        String volid,
        String content,
        String node,
        Double sizeMiB,
        Integer vmid,
        String notes,
        @JsonProperty("protected") Boolean isProtected,
        Long ctime) {
}
