package io.pveflow.server.executions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.ProcessInstanceBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.pveflow.server.web.InvalidInputException;

/**
 * Starts runs within their process's concurrency group. Each decision is taken under the cluster's gate lock, in
 * one transaction with what it decides: a run admitted at once gets its process instance (started asynchronously,
 * so the transaction stays short and the first steps run on the engine's executor), a queued run is stored with
 * its variables and started later by {@link #handOver} when a slot frees. Either way the work is committed before
 * the caller hears about it, so a crash loses nothing accepted.
 */
@Component
class ExecutionStarter {

    private final ExecutionRepository executions;
    private final ProcessSettingsCache settings;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final TransactionTemplate gateCreation;

    ExecutionStarter(ExecutionRepository executions, ProcessSettingsCache settings, RuntimeService runtime,
                     RepositoryService repository, TransactionTemplate transactions, ObjectMapper json) {
        this.executions = executions;
        this.settings = settings;
        this.runtime = runtime;
        this.repository = repository;
        this.transactions = transactions;
        this.json = json;
        this.gateCreation = new TransactionTemplate(transactions.getTransactionManager());
        this.gateCreation.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    StartResult start(StartRequest request) {
        ProcessDefinition definition = request.definition();
        ProcessSettings declared = settings.of(definition.getId());
        String group = declared.groupFor(request.variables());
        String queuedVariables = toJson(request.variables());
        return transactions.execute(tx -> {
            lockGate(request.clusterId());
            Admission.Slot slot = new Admission.Slot(group, declared.limit(), declared.exclusive());
            List<ExecutionRow> active = executions.activeInCluster(request.clusterId());
            ExecutionRow blocker = Admission.blockedBy(slot, active);
            if (blocker == null) {
                blocker = Admission.queuedAhead(slot, executions.queuedInCluster(request.clusterId()));
            }
            if (blocker != null && declared.refuseWhenFull()) {
                throw new RunRefusedException("The concurrency group '" + (group == null ? "cluster" : group)
                        + "' is full: execution " + blocker.id() + " holds or waits for the slot", blocker.id());
            }
            Instant now = Instant.now();
            ExecutionRow row = new ExecutionRow(UUID.randomUUID().toString(), request.clusterId(), definition.getKey(),
                    definition.getName(), definition.getId(), definition.getVersion(), blank(request.businessKey()),
                    request.startedBy(), request.startedVia(), blocker == null ? ExecutionRow.ACTIVE : ExecutionRow.QUEUED,
                    now, blocker == null ? now : null, null, null, null, null, group, group == null ? null : declared.limit(),
                    declared.exclusive(), request.resumedFrom(), request.startActivityId());
            executions.insert(row, blocker == null ? null : queuedVariables);
            if (blocker == null) {
                startInstance(row, request.variables());
                return new StartResult(row.id(), ExecutionStatus.RUNNING.wire());
            }
            return new StartResult(row.id(), ExecutionStatus.QUEUED.wire());
        });
    }

    /** Starts the queued runs of the cluster whose slots are free now; returns how many started. */
    int handOver(String clusterId) {
        Integer started = transactions.execute(tx -> {
            lockGate(clusterId);
            List<ExecutionRow> queued = executions.queuedInCluster(clusterId);
            if (queued.isEmpty()) {
                return 0;
            }
            List<ExecutionRow> admitted = Admission.handOver(executions.activeInCluster(clusterId), queued);
            Instant now = Instant.now();
            for (ExecutionRow run : admitted) {
                Map<String, Object> variables = fromJson(executions.queuedVariables(run.id()));
                if (executions.markStarted(run.id(), now)) {
                    startInstance(run, variables);
                }
            }
            return admitted.size();
        });
        return started == null ? 0 : started;
    }

    /**
     * Locks the cluster's gate for the current transaction. A missing gate row is created in a transaction of its
     * own first: a failed insert (another node racing) must not abort the start's transaction (PostgreSQL would).
     */
    private void lockGate(String clusterId) {
        if (!executions.lockGate(clusterId)) {
            gateCreation.executeWithoutResult(tx -> executions.createGate(clusterId));
            if (!executions.lockGate(clusterId)) {
                throw new IllegalStateException("The concurrency gate of cluster '" + clusterId + "' cannot be locked");
            }
        }
    }

    private void startInstance(ExecutionRow run, Map<String, Object> variables) {
        String previous = Authentication.getAuthenticatedUserId();
        Authentication.setAuthenticatedUserId(run.startedBy());
        try {
            ProcessInstanceBuilder builder = runtime.createProcessInstanceBuilder()
                    .processDefinitionId(run.processDefinitionId())
                    .predefineProcessInstanceId(run.id())
                    .businessKey(run.businessKey())
                    .variables(variables);
            if (!run.clusterId().equals(tenantOf(run.processDefinitionId()))) {
                builder.overrideProcessDefinitionTenantId(run.clusterId()); // a library process run for this cluster
            }
            builder.startAsync();
            if (run.startActivityId() != null) {
                // a resumed run: from its start event (still a pending async job) straight to the step it resumes at
                String startEvent = repository.getBpmnModel(run.processDefinitionId()).getMainProcess()
                        .findFlowElementsOfType(org.flowable.bpmn.model.StartEvent.class, false).stream()
                        .filter(event -> event.getEventDefinitions().isEmpty()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("The process has no plain start event to resume from"))
                        .getId();
                runtime.createChangeActivityStateBuilder().processInstanceId(run.id())
                        .moveActivityIdTo(startEvent, run.startActivityId()).changeState();
            }
        } finally {
            Authentication.setAuthenticatedUserId(previous);
        }
    }

    /** The definition's own tenant: "" for the shared library, whose runs carry the cluster's tenant instead. */
    private String tenantOf(String processDefinitionId) {
        String tenant = repository.getProcessDefinition(processDefinitionId).getTenantId();
        return tenant == null ? "" : tenant;
    }

    private String toJson(Map<String, Object> variables) {
        try {
            return json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The start variables cannot be stored", Map.of("variables", e.getOriginalMessage()));
        }
    }

    private Map<String, Object> fromJson(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored start variables are unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
