package io.pveflow.server.approvals;

import java.time.Instant;
import java.util.List;

/** A task as the inbox lists it; {@code clusterId} is the run's tenant. */
record TaskView(String id, String name, String description, String taskDefinitionKey, String clusterId,
                String processInstanceId, String processDefinitionId, String processKey, String processName,
                Integer processVersion, String assignee, String owner, List<String> candidateUsers,
                List<String> candidateGroups, Instant createdAt, Instant dueDate, String formKey, boolean approval,
                boolean separationOfDuties) {
}
