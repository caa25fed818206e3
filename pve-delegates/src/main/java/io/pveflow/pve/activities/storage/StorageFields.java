package io.pveflow.pve.activities.storage;

import java.util.Arrays;
import java.util.List;

import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.pve.activity.FieldType;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.model.NodeInfo;

/** What the storage activities share: their fields and the nodes they ask when no node is given. */
final class StorageFields {

    static final String STORAGE_ID = "[a-zA-Z][a-zA-Z0-9\\-_.]*[a-zA-Z0-9]";
    static final String[] CONTENT_TYPES = {"images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"};

    static final FieldSpec STORAGE = FieldSpec.of("storage", "Storage", FieldType.STRING).mandatory()
            .pattern(STORAGE_ID).picker("storages").help("The storage id, e.g. local or nas");
    static final FieldSpec CONTENT = FieldSpec.of("content", "Content type", FieldType.ENUM).oneOf(CONTENT_TYPES)
            .help("Empty: every kind of content");

    private StorageFields() {
    }

    /** Online nodes only: Proxmox cannot answer for an offline one (595), and its storages are out of reach. */
    static List<String> onlineNodes(PveClient pve) {
        return pve.nodes().list().stream().filter(NodeInfo::isOnline).map(NodeInfo::node).sorted().toList();
    }

    /** A comma-separated Proxmox list (content types, node names) as a list, so expressions can ask {@code content.contains('backup')}. */
    static List<String> commaSeparated(String content) {
        return content == null || content.isBlank() ? List.of()
                : Arrays.stream(content.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
