package io.pveflow.pve.activity;

import java.util.ArrayList;
import java.util.List;

import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.jobexecutor.ParallelMultiInstanceActivityCompletionJobHandler;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.engine.impl.util.JobUtil;
import org.flowable.job.service.JobHandler;
import org.flowable.job.service.impl.persistence.entity.JobEntity;
import org.flowable.variable.api.delegate.VariableScope;

/**
 * Wakes several parked executions of one process instance in one engine job, so the siblings of a parallel
 * multi-instance step complete one after another in a single transaction instead of as hundreds of jobs that
 * all update the multi-instance root (and the step's result variables) at once and mostly lose the optimistic
 * lock race. The {@link TaskWatcher} only batches successful outcomes: a failed or timed-out task still gets a
 * trigger job of its own, so its BPMN error (or incident) stays on its own execution.
 *
 * <p>The job is exclusive and belongs to the process instance execution, so cancelling one sibling does not
 * delete the others' wake-up. Its custom values hold the job's initial retries and the execution ids, one a
 * line. Should the batch fail anyway (a listener throwing, a database error), Flowable retries the job; the
 * retry then hands every execution a trigger job of its own, so one bad sibling cannot hold back the others.
 */
public final class TriggerBatchJobHandler implements JobHandler {

    public static final String TYPE = "pveflow-trigger-batch";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TriggerBatchJobHandler.class);

    @Override
    public String getType() {
        return TYPE;
    }

    /** Schedules one batch job for {@code executions} (all of one process instance, each with its outcome set). */
    static void schedule(CommandContext commandContext, List<ExecutionEntity> executions) {
        ProcessEngineConfigurationImpl engine = CommandContextUtil.getProcessEngineConfiguration(commandContext);
        ExecutionEntity processInstance = executions.get(0).getProcessInstance();
        // The process instance has no current element of its own; the job names the (first) step it wakes.
        JobEntity job = JobUtil.createJob(processInstance, executions.get(0).getCurrentFlowElement(), TYPE, engine);
        var jobService = engine.getJobServiceConfiguration().getJobService();
        jobService.createAsyncJob(job, true); // sets the retries, read below
        StringBuilder ids = new StringBuilder().append(job.getRetries());
        for (ExecutionEntity execution : executions) {
            ids.append('\n').append(execution.getId());
        }
        job.setCustomValues(ids.toString());
        jobService.scheduleAsyncJob(job);
    }

    @Override
    public void execute(JobEntity job, String configuration, VariableScope variableScope, CommandContext commandContext) {
        String[] lines = job.getCustomValues() == null ? new String[0] : job.getCustomValues().split("\n");
        if (lines.length < 2) {
            return;
        }
        // A retry: fewer retries left than at creation (Flowable keeps the last exception on the job too).
        boolean failedBefore = job.getRetries() < Integer.parseInt(lines[0].trim()) || job.getExceptionMessage() != null;
        var executions = CommandContextUtil.getExecutionEntityManager(commandContext);
        var agenda = CommandContextUtil.getAgenda(commandContext);
        List<ExecutionEntity> waiting = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            ExecutionEntity execution = executions.findById(lines[i].trim());
            // Gone or moved on (the run was cancelled, a boundary event interrupted the step): nothing to wake.
            if (execution != null && !execution.isEnded() && execution.getVariableLocal(TaskOutcome.VARIABLE) != null) {
                waiting.add(execution);
            }
        }
        if (failedBefore) {
            waiting.forEach(execution -> TaskWatcher.scheduleTrigger(commandContext, execution));
            return;
        }
        long started = System.nanoTime();
        waiting.forEach(agenda::planTriggerExecutionOperation);
        agenda.planOperation(() -> LOG.debug("Batch of {} woken in {} ms", waiting.size(), (System.nanoTime() - started) / 1_000_000));
        // After everything the triggers set in motion (a subprocess instance ends later on the agenda), before the flush.
        commandContext.addCloseListener(new CompletionCheckPruner(waiting));
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
