package io.pveflow.server.executions;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.NotFoundException;

/**
 * Which definition a start of a process key runs for a cluster: the cluster's own newest version, or the shared
 * library's when the cluster has no process of that key. Suspended definitions start nothing.
 */
@Component
class StartableProcesses {

    private final RepositoryService repository;

    StartableProcesses(RepositoryService repository) {
        this.repository = repository;
    }

    ProcessDefinition resolve(String clusterId, String processKey) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .processDefinitionTenantId(clusterId).latestVersion().singleResult();
        if (definition == null) {
            definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                    .processDefinitionWithoutTenantId().latestVersion().singleResult();
        }
        if (definition == null) {
            throw new NotFoundException("Cluster '" + clusterId + "' has no published process '" + processKey
                    + "' and the library has none of that key");
        }
        if (definition.isSuspended()) {
            throw new ConflictException("Process '" + processKey + "' is suspended: it starts no new runs");
        }
        return definition;
    }
}
