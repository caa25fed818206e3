package io.pveflow.server.executions;

import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

import io.pveflow.server.processes.CurrentVersions;
import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.NotFoundException;

/**
 * Which definition a start of a process key runs for a cluster: the process registry's current version (see
 * {@link CurrentVersions}: the cluster's own, else the shared library's). Archived and suspended processes start
 * nothing.
 */
@Component
class StartableProcesses {

    private final CurrentVersions current;

    StartableProcesses(CurrentVersions current) {
        this.current = current;
    }

    ProcessDefinition resolve(String clusterId, String processKey) {
        if (current.isArchived(clusterId, processKey)) {
            throw new ConflictException("Process '" + processKey + "' is archived on cluster '" + clusterId
                    + "': it starts no new runs (restore it first)");
        }
        ProcessDefinition definition = current.currentDefinition(clusterId, processKey).orElseThrow(() -> new NotFoundException(
                "Cluster '" + clusterId + "' has no published process '" + processKey + "' and the library has none of that key"));
        if (definition.isSuspended()) {
            throw new ConflictException("Process '" + processKey + "' is suspended: it starts no new runs");
        }
        return definition;
    }
}
