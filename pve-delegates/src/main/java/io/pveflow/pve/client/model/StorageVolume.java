package io.pveflow.pve.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One volume of {@code GET /nodes/{node}/storage/{storage}/content} (image, backup, ISO, template, ...). */
public record StorageVolume(String volid, String content, String format, Long size, Long used, Long ctime,
        Integer vmid, String notes, @JsonProperty("protected") Boolean isProtected, String parent) {
}
