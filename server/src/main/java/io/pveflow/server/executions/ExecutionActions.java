package io.pveflow.server.executions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.bpmn.model.Activity;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.job.api.Job;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.pveflow.pve.activity.PveClientRegistry;
import io.pveflow.pve.client.Upid;
import io.pveflow.server.audit.AuditLog;
import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.InvalidInputException;

/**
 * What an operator can do to a run: cancel it (with a reason), kill it (cancel and stop the Proxmox tasks it has
 * in flight), retry its failed jobs (optionally after changing variables) and resume it (a failed run from its
 * failed steps; a cancelled run as a new run that starts at the step it was cancelled in). Each is audited in its
 * own transaction.
 */
@Component
class ExecutionActions {

    private static final Logger log = LoggerFactory.getLogger(ExecutionActions.class);
    static final int RETRIES = 3;

    private final ExecutionRepository executions;
    private final ExecutionDetails details;
    private final ExecutionStarter starter;
    private final QueueDispatcher dispatcher;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final HistoryService history;
    private final RepositoryService repository;
    private final PveClientRegistry clients;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    ExecutionActions(ExecutionRepository executions, ExecutionDetails details, ExecutionStarter starter,
                     QueueDispatcher dispatcher, RuntimeService runtime, ManagementService management, HistoryService history,
                     RepositoryService repository, PveClientRegistry clients, AuditLog audit, TransactionTemplate transactions) {
        this.executions = executions;
        this.details = details;
        this.starter = starter;
        this.dispatcher = dispatcher;
        this.runtime = runtime;
        this.management = management;
        this.history = history;
        this.repository = repository;
        this.clients = clients;
        this.audit = audit;
        this.transactions = transactions;
    }

    void cancel(ExecutionRow run, String actor, String reason, boolean kill) {
        String why = required(reason);
        if (run.ended()) {
            throw new ConflictException("Execution " + run.id() + " has already ended (" + run.state() + ")");
        }
        List<ExecutionDetails.WaitRow> inFlight = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            executions.recordCancellation(run.id(), actor, why);
            if (run.queued()) {
                executions.markEnded(run.id(), ExecutionRow.CANCELLED, Instant.now(), null, null);
                afterCommit(() -> dispatcher.wake(run.clusterId()));
            } else {
                if (kill) {
                    inFlight.addAll(details.waits(run.id()).values());
                }
                runtime.deleteProcessInstance(run.id(), (kill ? "Killed" : "Cancelled") + " by " + actor + ": " + why);
            }
            audit.record(actor, kill ? "kill" : "cancel", "execution", run.id(), run.clusterId(),
                    "process=" + run.processKey() + " reason=" + why
                            + (kill ? " stopping=" + inFlight.stream().map(ExecutionDetails.WaitRow::upid).toList() : ""));
        });
        for (ExecutionDetails.WaitRow wait : inFlight) {
            stopTask(run, wait);
        }
    }

    private void stopTask(ExecutionRow run, ExecutionDetails.WaitRow wait) {
        if (wait.upid() == null) {
            return; // a wait for a state (a rebooting node) has no task to stop
        }
        try {
            clients.client(run.clusterId()).tasks().stop(Upid.parse(wait.upid()));
            log.info("Execution {}: stopped Proxmox task {}", run.id(), wait.upid());
        } catch (RuntimeException e) {
            // the run is cancelled either way; say what could not be stopped where an operator will look
            log.warn("Execution {}: could not stop Proxmox task {}: {}", run.id(), wait.upid(), e.getMessage());
            audit.record("system", "kill-task-failed", "execution", run.id(), run.clusterId(),
                    "upid=" + wait.upid() + " error=" + e.getMessage());
        }
    }

    /** Gives the run's dead jobs (or the one named) new retries, after setting the given variables. */
    int retry(ExecutionRow run, String actor, String jobId, Map<String, Object> variables) {
        if (!run.active()) {
            throw new ConflictException("Execution " + run.id() + " is " + run.state() + ": only a running run can be retried");
        }
        Integer moved = transactions.execute(tx -> {
            List<Job> dead = management.createDeadLetterJobQuery().processInstanceId(run.id()).list();
            List<Job> chosen = jobId == null ? dead : dead.stream().filter(job -> job.getId().equals(jobId)).toList();
            if (chosen.isEmpty()) {
                throw new ConflictException(jobId == null ? "Execution " + run.id() + " has no failed job to retry"
                        : "Execution " + run.id() + " has no failed job " + jobId);
            }
            if (variables != null && !variables.isEmpty()) {
                runtime.setVariables(run.id(), variables);
            }
            for (Job job : chosen) {
                management.moveDeadLetterJobToExecutableJob(job.getId(), RETRIES);
            }
            audit.record(actor, "retry", "execution", run.id(), run.clusterId(), "jobs=" + chosen.stream().map(Job::getId).toList()
                    + (variables == null || variables.isEmpty() ? "" : " variables=" + variables.keySet()));
            return chosen.size();
        });
        return moved == null ? 0 : moved;
    }

    /**
     * A failed run goes on from its failed steps (its dead jobs are retried). A cancelled run is started again as a
     * new execution at the step it was cancelled in, with the variables it had, when that step sits directly in the
     * process (not inside a sub-process or a multi-instance step, where the model gives no single place to resume).
     */
    StartResult resume(ExecutionRow run, String actor, String startedVia) {
        if (run.active()) {
            retry(run, actor, null, null);
            return new StartResult(run.id(), ExecutionStatus.RUNNING.wire());
        }
        if (!ExecutionRow.CANCELLED.equals(run.state()) || run.startedAt() == null) {
            throw new ConflictException("Execution " + run.id() + " is " + run.state()
                    + ": only failed runs and cancelled runs that had started can be resumed");
        }
        List<HistoricActivityInstance> interrupted = history.createHistoricActivityInstanceQuery().processInstanceId(run.id())
                .list().stream().filter(step -> step.getDeleteReason() != null && !"sequenceFlow".equals(step.getActivityType()))
                .toList();
        List<String> where = interrupted.stream().map(HistoricActivityInstance::getActivityId).distinct().toList();
        if (where.size() != 1) {
            throw new ConflictException("Execution " + run.id() + " was cancelled in " + (where.isEmpty() ? "no step" : where.size()
                    + " steps " + where) + ": it can only be resumed when it was cancelled in exactly one step");
        }
        ProcessDefinition definition = repository.getProcessDefinition(run.processDefinitionId());
        FlowElement element = repository.getBpmnModel(definition.getId()).getMainProcess().getFlowElement(where.get(0), false);
        if (element == null || (element instanceof Activity activity && activity.getLoopCharacteristics() != null)) {
            throw new ConflictException("Execution " + run.id() + " was cancelled in '" + where.get(0)
                    + "', inside a sub-process or a multi-instance step: start a new run instead");
        }
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(run.id())
                .excludeLocalVariables().list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        StartResult result = starter.start(new StartRequest(definition, run.clusterId(), run.businessKey(), variables, actor,
                startedVia, run.id(), where.get(0)));
        audit.record(actor, "resume", "execution", run.id(), run.clusterId(), "newExecution=" + result.id() + " at=" + where.get(0));
        return result;
    }

    private static String required(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("A reason is required", Map.of("reason", "say why the run is stopped; it is kept with the run"));
        }
        String trimmed = reason.trim();
        return trimmed.length() > 1000 ? trimmed.substring(0, 1000) : trimmed;
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
