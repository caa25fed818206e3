package io.pveflow.server.executions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FieldExtension;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.job.api.Job;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.pveflow.pve.activity.ActivityDescriptor;
import io.pveflow.pve.activity.FieldSpec;
import io.pveflow.server.expressions.ProcessBeans;

/**
 * Assembles one run's detail from the engine's history and runtime: steps with the inputs the designer gave
 * (literals and expressions as written) and the outputs the step stored, the Proxmox task each step waited on
 * (with exit status and log once it ended, the UPID and node while it runs), incidents, and the diagram's state.
 */
@Component
class ExecutionDetails {

    private static final Set<String> HIDDEN_TYPES = Set.of("sequenceFlow");

    private final HistoryService history;
    private final ManagementService management;
    private final RepositoryService repository;
    private final ProcessBeans beans;
    private final JdbcClient jdbc;

    ExecutionDetails(HistoryService history, ManagementService management, RepositoryService repository,
                     ProcessBeans beans, JdbcClient jdbc) {
        this.history = history;
        this.management = management;
        this.repository = repository;
        this.beans = beans;
        this.jdbc = jdbc;
    }

    ExecutionDetail of(ExecutionSummary summary) {
        if (summary.status().equals("queued")) {
            return new ExecutionDetail(summary, List.of(), List.of(),
                    new ExecutionDetail.Diagram(summary.processDefinitionId(), List.of(), List.of(), List.of(), Map.of()), Map.of());
        }
        String runId = summary.id();
        BpmnModel model = repository.getBpmnModel(summary.processDefinitionId());
        Map<String, Object> variables = new LinkedHashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(runId)
                .excludeLocalVariables().list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        List<ExecutionDetail.Incident> incidents = incidents(runId);
        Set<String> failed = new LinkedHashSet<>();
        incidents.stream().filter(ExecutionDetail.Incident::dead).forEach(i -> failed.add(i.activityId()));
        Map<String, WaitRow> waits = waits(runId);
        Map<String, List<TaskRun>> tasks = tasks(runId);

        List<ExecutionDetail.Step> steps = new ArrayList<>();
        Set<String> completed = new LinkedHashSet<>();
        Set<String> active = new LinkedHashSet<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (HistoricActivityInstance step : history.createHistoricActivityInstanceQuery().processInstanceId(runId)
                .orderByHistoricActivityInstanceStartTime().asc().list()) {
            if (HIDDEN_TYPES.contains(step.getActivityType())) {
                continue;
            }
            counts.merge(step.getActivityId(), 1, Integer::sum);
            String status;
            if (step.getEndTime() == null) {
                status = failed.contains(step.getActivityId()) ? "failed" : "active";
                active.add(step.getActivityId());
            } else if (step.getDeleteReason() != null) {
                status = "cancelled";
            } else {
                status = "completed";
                completed.add(step.getActivityId());
            }
            FlowElement element = model.getFlowElement(step.getActivityId());
            String activity = activityBean(element);
            Map<String, Object> inputs = inputs(element);
            String resultVariable = resultVariable(element, activity);
            Map<String, Object> outputs = new LinkedHashMap<>();
            ExecutionDetail.PveTask task = null;
            if (resultVariable != null && variables.containsKey(resultVariable)) {
                outputs.put(resultVariable, SecretMask.mask(resultVariable, variables.get(resultVariable)));
            }
            TaskRun ran = taskOf(step, tasks);
            if (ran != null) {
                task = new ExecutionDetail.PveTask(ran.upid(), ran.node(), ran.exitStatus(), ran.log());
            } else if (resultVariable != null) {
                task = finishedTask(variables.get(resultVariable + "Task")); // runs from before tasks were recorded
            }
            WaitRow wait = step.getEndTime() == null ? waits.get(step.getExecutionId()) : null;
            if (wait != null) {
                task = new ExecutionDetail.PveTask(wait.upid(), wait.node(), null, null);
            }
            Instant start = toInstant(step.getStartTime());
            Instant end = toInstant(step.getEndTime());
            steps.add(new ExecutionDetail.Step(step.getId(), step.getActivityId(), step.getActivityName(), step.getActivityType(),
                    activity, status, start, end, start == null ? null : Duration.between(start, end != null ? end : Instant.now()).toMillis(),
                    inputs.isEmpty() ? null : inputs, outputs.isEmpty() ? null : outputs, task));
        }
        completed.removeAll(active);
        Map<String, Object> shown = new LinkedHashMap<>();
        variables.forEach((name, value) -> shown.put(name, SecretMask.mask(name, value)));
        return new ExecutionDetail(summary, steps, incidents,
                new ExecutionDetail.Diagram(summary.processDefinitionId(), List.copyOf(completed), List.copyOf(active),
                        List.copyOf(failed), counts), shown);
    }

    /** The Proxmox waits of a run's executions that are parked right now, by execution id. */
    Map<String, WaitRow> waits(String runId) {
        Map<String, WaitRow> waits = new LinkedHashMap<>();
        jdbc.sql("SELECT w.execution_id, w.node, w.upid, w.cluster_id FROM pve_task_wait w JOIN act_ru_execution x ON x.id_ = w.execution_id "
                        + "WHERE x.proc_inst_id_ = ?").param(runId)
                .query((rs, n) -> new WaitRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list().forEach(w -> waits.put(w.executionId(), w));
        return waits;
    }

    record WaitRow(String executionId, String node, String upid, String clusterId) {
    }

    /** The Proxmox tasks a run's steps waited for, as they ended (pve_task_run), by execution id, oldest first. */
    Map<String, List<TaskRun>> tasks(String runId) {
        Map<String, List<TaskRun>> tasks = new LinkedHashMap<>();
        jdbc.sql("SELECT execution_id, activity_id, node, upid, started_at, exit_status, log_tail FROM pve_task_run "
                        + "WHERE run_id = ? ORDER BY started_at").param(runId)
                .query((rs, n) -> new TaskRun(rs.getString("execution_id"), rs.getString("activity_id"), rs.getString("node"),
                        rs.getString("upid"), rs.getTimestamp("started_at").toInstant(),
                        rs.getString("exit_status"), // null when the step's timeout came first, as the task may still run
                        rs.getString("log_tail") == null ? null : List.of(rs.getString("log_tail").split("\n", -1))))
                .list().forEach(t -> tasks.computeIfAbsent(t.executionId(), k -> new ArrayList<>()).add(t));
        return tasks;
    }

    record TaskRun(String executionId, String activityId, String node, String upid, Instant startedAt, String exitStatus,
                   List<String> log) {
    }

    /**
     * The task this step waited for: same execution and element, started while the step ran (an execution that
     * passes a step twice, in a loop, has a task for each pass). The last such task, as a retried step starts anew.
     */
    private static TaskRun taskOf(HistoricActivityInstance step, Map<String, List<TaskRun>> tasks) {
        List<TaskRun> candidates = tasks.get(step.getExecutionId());
        if (candidates == null) {
            return null;
        }
        Instant start = toInstant(step.getStartTime());
        Instant end = toInstant(step.getEndTime());
        TaskRun found = null;
        for (TaskRun task : candidates) {
            boolean inStep = task.activityId().equals(step.getActivityId())
                    && (start == null || !task.startedAt().isBefore(start.minusSeconds(1)))
                    && (end == null || !task.startedAt().isAfter(end));
            if (inStep) {
                found = task;
            }
        }
        return found;
    }

    List<ExecutionDetail.Incident> incidents(String runId) {
        List<ExecutionDetail.Incident> incidents = new ArrayList<>();
        for (Job job : management.createDeadLetterJobQuery().processInstanceId(runId).list()) {
            incidents.add(incident(job, true));
        }
        for (Job job : management.createJobQuery().processInstanceId(runId).withException().list()) {
            incidents.add(incident(job, false));
        }
        for (Job job : management.createTimerJobQuery().processInstanceId(runId).withException().list()) {
            incidents.add(incident(job, false));
        }
        return incidents;
    }

    private static ExecutionDetail.Incident incident(Job job, boolean dead) {
        return new ExecutionDetail.Incident(job.getId(), job.getElementId(), job.getExceptionMessage(), job.getRetries(), dead,
                toInstant(job.getCreateTime()));
    }

    private String activityBean(FlowElement element) {
        if (element instanceof ServiceTask task && task.getImplementation() != null) {
            String name = task.getImplementation().replaceAll("^\\$\\{\\s*|\\s*}$", "");
            return beans.activity(name) != null ? name : null;
        }
        return null;
    }

    private static Map<String, Object> inputs(FlowElement element) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (element instanceof ServiceTask task) {
            for (FieldExtension field : task.getFieldExtensions()) {
                if (field.getFieldName().equals("resultVariable")) {
                    continue;
                }
                String value = field.getExpression() != null ? field.getExpression() : field.getStringValue();
                inputs.put(field.getFieldName(), SecretMask.mask(field.getFieldName(), value));
            }
        }
        return inputs;
    }

    private String resultVariable(FlowElement element, String activity) {
        if (!(element instanceof ServiceTask task) || activity == null) {
            return null;
        }
        for (FieldExtension field : task.getFieldExtensions()) {
            if (field.getFieldName().equals("resultVariable") && field.getStringValue() != null) {
                return field.getStringValue();
            }
        }
        ActivityDescriptor descriptor = beans.activity(activity);
        FieldSpec field = descriptor == null ? null : descriptor.field("resultVariable");
        return field == null ? null : field.defaultValue();
    }

    @SuppressWarnings("unchecked")
    private static ExecutionDetail.PveTask finishedTask(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.get("upid") == null) {
            return null;
        }
        String upid = String.valueOf(map.get("upid"));
        String node = upid.startsWith("UPID:") ? upid.split(":")[1] : null;
        Object log = map.get("log");
        return new ExecutionDetail.PveTask(upid, node, map.get("exitstatus") == null ? null : String.valueOf(map.get("exitstatus")),
                log instanceof List<?> lines ? (List<String>) lines : null);
    }

    private static Instant toInstant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
