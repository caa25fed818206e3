package io.pveflow.server.processes;

import java.util.Optional;

import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * {@link CurrentVersions} from the registry: its current version when it has one; otherwise the latest version of
 * the key deployed in the cluster (processes deployed around the registry, through {@code /process-api}); otherwise
 * the shared library's.
 */
@Component
class RegistryCurrentVersions implements CurrentVersions {

    private final ProcessRegistry registry;
    private final EngineVersions versions;

    RegistryCurrentVersions(ProcessRegistry registry, EngineVersions versions) {
        this.registry = registry;
        this.versions = versions;
    }

    @Override
    public Optional<ProcessDefinition> currentDefinition(String clusterId, String processKey) {
        if (clusterId != null && !clusterId.isEmpty()) {
            Optional<String> current = registry.entry(clusterId, processKey).map(ProcessRegistry.Entry::currentDefinitionId);
            if (current.isPresent()) {
                Optional<ProcessDefinition> definition = versions.byId(clusterId, current.get());
                if (definition.isPresent()) {
                    return definition;
                }
            }
            Optional<ProcessDefinition> latest = versions.latest(clusterId, processKey);
            if (latest.isPresent()) {
                return latest;
            }
        }
        return versions.libraryProcess(processKey);
    }

    @Override
    public boolean isArchived(String clusterId, String processKey) {
        return clusterId != null && registry.entry(clusterId, processKey).map(ProcessRegistry.Entry::archived).orElse(false);
    }
}
