package io.pveflow.server.processes;

import java.util.Optional;

import org.flowable.engine.repository.ProcessDefinition;

/**
 * Which version of a process new runs start. The process registry's current version wins over Flowable's
 * "latest": publishing makes the new version current, but an operator may make an older one current again.
 * Processes deployed around the registry (through {@code /process-api}) start their latest version in the
 * cluster's tenant, and a key the cluster does not have starts the shared library's (default tenant) version.
 */
public interface CurrentVersions {

    /** The definition new runs of {@code processKey} on {@code clusterId} start, or empty when there is none. */
    Optional<ProcessDefinition> currentDefinition(String clusterId, String processKey);

    /** Whether the cluster's process is archived: no new runs, running ones go on. */
    boolean isArchived(String clusterId, String processKey);
}
