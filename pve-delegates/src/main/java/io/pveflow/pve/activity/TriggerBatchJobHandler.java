package io.pveflow.pve.activity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.jobexecutor.ParallelMultiInstanceActivityCompletionJobHandler;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.engine.impl.util.JobUtil;
import org.flowable.job.service.JobHandler;
import org.flowable.job.service.impl.persistence.entity.JobEntity;
import org.flowable.variable.api.delegate.VariableScope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Wakes parked executions of one process instance in one engine job, so the siblings of a parallel multi-instance
 * step complete one after another in a single transaction instead of as hundreds of jobs that all update the
 * multi-instance root (and the step's result variables) at once and mostly lose the optimistic lock race. The
 * {@link TaskWatcher} only batches successful outcomes: a failed or timed-out task still gets a trigger job of its
 * own, so its BPMN error (or incident) stays on its own execution.
 *
 * <p>The job carries what each execution needs (in its custom values, JSON): the task's outcome and the result the
 * step keeps, handed to the step as transient variables, so waking writes and deletes no engine variables. The job
 * is exclusive and belongs to the process instance execution, so cancelling one sibling does not delete the others'
 * wake-up. Should the batch fail anyway (a listener throwing, a database error), Flowable retries the job; the retry
 * then stores each outcome as variables and hands every execution a trigger job of its own, so one bad sibling cannot
 * hold back the others. Jobs written before the payload (retries and execution ids, one a line; outcomes stored as
 * variables) still run.
 */
public final class TriggerBatchJobHandler implements JobHandler {

    public static final String TYPE = "pveflow-trigger-batch";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TriggerBatchJobHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parked execution to wake, with its task's outcome and the result its step keeps. */
    record Wakeup(ExecutionEntity execution, TaskOutcome outcome, String resultVariable, Object result) {

        /** As variables of the execution, for a trigger job of its own. */
        void store() {
            execution.setVariableLocal(TaskOutcome.VARIABLE, outcome.toMap());
            if (resultVariable != null || result != null) { // else a wait from before: its pending result is stored
                execution.setVariableLocal(PveActivity.PENDING_RESULT, PveActivity.pending(resultVariable, result));
            }
        }

        /** As transient variables, for a trigger in this transaction. */
        void handOver() {
            execution.setTransientVariableLocal(TaskOutcome.VARIABLE, outcome.toMap());
            if (resultVariable != null || result != null) {
                execution.setTransientVariableLocal(PveActivity.PENDING_RESULT, PveActivity.pending(resultVariable, result));
            }
        }
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** Schedules one batch job for {@code wakeups} (all of one process instance). */
    static void schedule(CommandContext commandContext, List<Wakeup> wakeups) {
        ProcessEngineConfigurationImpl engine = CommandContextUtil.getProcessEngineConfiguration(commandContext);
        ExecutionEntity first = wakeups.get(0).execution();
        // The process instance has no current element of its own; the job names the (first) step it wakes.
        JobEntity job = JobUtil.createJob(first.getProcessInstance(), first.getCurrentFlowElement(), TYPE, engine);
        var jobService = engine.getJobServiceConfiguration().getJobService();
        jobService.createAsyncJob(job, true); // sets the retries, kept to tell a retry
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("retries", job.getRetries());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Wakeup wakeup : wakeups) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("execution", wakeup.execution().getId());
            entry.put("activity", wakeup.execution().getCurrentActivityId());
            entry.put("outcome", wakeup.outcome().toMap());
            entry.put("resultVariable", wakeup.resultVariable());
            entry.put("result", wakeup.result());
            entries.add(entry);
        }
        payload.put("wakeups", entries);
        try {
            job.setCustomValues(JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new FlowableException("Cannot write the wake-up of " + wakeups.size() + " executions: "
                    + e.getOriginalMessage(), e);
        }
        jobService.scheduleAsyncJob(job);
    }

    @Override
    public void execute(JobEntity job, String configuration, VariableScope variableScope, CommandContext commandContext) {
        String stored = job.getCustomValues() == null ? "" : job.getCustomValues().trim();
        int initialRetries;
        List<Wakeup> waiting = new ArrayList<>();
        var executions = CommandContextUtil.getExecutionEntityManager(commandContext);
        if (stored.startsWith("{")) {
            Map<String, Object> payload = read(stored);
            initialRetries = ((Number) payload.get("retries")).intValue();
            for (Map<String, Object> entry : entries(payload)) {
                ExecutionEntity execution = executions.findById((String) entry.get("execution"));
                // Gone or moved on (the run was cancelled, a boundary event interrupted the step): nothing to wake.
                if (execution != null && !execution.isEnded()
                        && java.util.Objects.equals(execution.getCurrentActivityId(), entry.get("activity"))) {
                    waiting.add(new Wakeup(execution, TaskOutcome.fromMap(map(entry.get("outcome"))),
                            (String) entry.get("resultVariable"), entry.get("result")));
                }
            }
        } else {
            String[] lines = stored.split("\n");
            if (lines.length < 2) {
                return;
            }
            initialRetries = Integer.parseInt(lines[0].trim());
            for (int i = 1; i < lines.length; i++) {
                ExecutionEntity execution = executions.findById(lines[i].trim());
                if (execution != null && !execution.isEnded() && execution.getVariableLocal(TaskOutcome.VARIABLE) != null) {
                    waiting.add(new Wakeup(execution, null, null, null)); // outcome and result stored as variables
                }
            }
        }
        // A retry: fewer retries left than at creation (Flowable keeps the last exception on the job too).
        boolean failedBefore = job.getRetries() < initialRetries || job.getExceptionMessage() != null;
        if (failedBefore) {
            for (Wakeup wakeup : waiting) {
                if (wakeup.outcome() != null) {
                    wakeup.store();
                }
                TaskWatcher.scheduleTrigger(commandContext, wakeup.execution());
            }
            return;
        }
        var agenda = CommandContextUtil.getAgenda(commandContext);
        long started = System.nanoTime();
        for (Wakeup wakeup : waiting) {
            if (wakeup.outcome() != null) {
                wakeup.handOver();
            }
            agenda.planTriggerExecutionOperation(wakeup.execution());
        }
        agenda.planOperation(() -> LOG.debug("Batch of {} woken in {} ms", waiting.size(), (System.nanoTime() - started) / 1_000_000));
        // After everything the triggers set in motion (a subprocess instance ends later on the agenda), before the flush.
        commandContext.addCloseListener(new CompletionCheckPruner(waiting.stream().map(Wakeup::execution).toList()));
    }

    private static Map<String, Object> read(String stored) {
        try {
            return JSON.readValue(stored, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new FlowableException("The wake-up job's payload is not readable: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> payload) {
        return payload.get("wakeups") instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * With Flowable's asynchronous leave of parallel multi-instance steps (on by default), every sibling that
     * completes while others are still active schedules an exclusive "is the step complete now?" job. Triggered
     * together in one transaction, the siblings would leave one such job each: hundreds of jobs that can only run
     * one at a time per process instance and all but one of which find nothing to do. One per multi-instance
     * step is enough, as each checks the state of all the siblings when it runs; the batch keeps the last.
     */
    private record CompletionCheckPruner(List<ExecutionEntity> triggered)
            implements org.flowable.common.engine.impl.interceptor.CommandContextCloseListener {

        @Override
        public void closing(CommandContext commandContext) {
            var jobService = CommandContextUtil.getProcessEngineConfiguration(commandContext).getJobServiceConfiguration()
                    .getJobService();
            java.util.Map<String, JobEntity> kept = new java.util.HashMap<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ExecutionEntity execution : triggered) {
                // The check belongs to the execution that left the multi-instance body: the step itself, or the
                // subprocess instance around it. Siblings whose step completed here were removed, jobs and all.
                // The step's own execution is gone once its subprocess instance ended: walk up regardless.
                for (ExecutionEntity current = execution; current != null && !current.isMultiInstanceRoot();
                     current = current.getParent()) {
                    if (current.isDeleted() || !seen.add(current.getId())) {
                        continue;
                    }
                    for (JobEntity job : jobService.findJobsByExecutionId(current.getId())) {
                        if (job.isInserted() && !job.isDeleted()
                                && ParallelMultiInstanceActivityCompletionJobHandler.TYPE.equals(job.getJobHandlerType())) {
                            ExecutionEntity root = multiInstanceRoot(current);
                            JobEntity previous = root == null ? null : kept.put(root.getId(), job);
                            if (previous != null) {
                                jobService.deleteJob(previous);
                            }
                        }
                    }
                }
            }
        }

        private static ExecutionEntity multiInstanceRoot(ExecutionEntity execution) {
            ExecutionEntity current = execution;
            while (current != null && !current.isMultiInstanceRoot()) {
                current = current.getParent();
            }
            return current;
        }

        @Override
        public void afterSessionsFlush(CommandContext commandContext) {
        }

        @Override
        public void closed(CommandContext commandContext) {
        }

        @Override
        public void closeFailure(CommandContext commandContext) {
        }

        @Override
        public Integer order() {
            return 0;
        }

        @Override
        public boolean multipleAllowed() {
            return true;
        }
    }
}
