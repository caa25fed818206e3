package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEntityEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.pve.activity.TaskWaits;
import io.pveflow.pve.activity.TaskWatcher;
import io.pveflow.pve.activity.TriggerBatchJobHandler;
import io.pveflow.server.demo.DemoSimulatorAccess;
import io.pveflow.sim.spec.FaultsSpec;

/**
 * Siblings of a parallel multi-instance step woken together: one batch job wakes the successes, a failed task
 * still raises its BPMN error on its own instance, two watchers (two server nodes) never wake one twice, and
 * sequential multi-instance steps still run one instance after the other. The shared watcher is paused so each
 * test decides when a cycle runs and every task has ended by then.
 */
class ParallelWakeUpsTest extends ActivityTestSupport {

    private static final List<Integer> GUESTS = List.of(100, 101, 102, 103, 104, 105);

    @Autowired
    TaskWatcher watcher;

    @Autowired
    TaskWaits waits;

    @Autowired
    ManagementService management;

    @Autowired
    io.pveflow.pve.activity.PveClientRegistry registry;

    @Autowired
    org.springframework.context.ApplicationContext context;

    private final JobCounter jobs = new JobCounter();

    @BeforeEach
    void pauseWatcher() {
        watcher.stop();
        runtime.addEventListener(jobs, FlowableEngineEventType.JOB_EXECUTION_SUCCESS);
    }

    @AfterEach
    void resumeWatcher() {
        runtime.removeEventListener(jobs);
        DemoSimulatorAccess.faults(context).clear();
        watcher.start();
    }

    @Test
    void wakesSuccessfulSiblingsInOneJobAndAFailedTaskOnItsOwnInstance() throws Exception {
        String name = "fan" + System.nanoTime() % 100000;
        DemoSimulatorAccess.faults(context).task(new FaultsSpec.TaskRule("qmsnapshot", 103, "fail",
                "snapshot feature is not available", 1));
        Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
        FlowableEventListener variables = new AbstractFlowableEventListener() {
            @Override
            public void onEvent(FlowableEvent event) {
                if (event instanceof org.flowable.variable.api.event.FlowableVariableEvent variable) {
                    created.computeIfAbsent(variable.getVariableName(), k -> new AtomicInteger()).incrementAndGet();
                }
            }

            @Override
            public boolean isFailOnException() {
                return false;
            }
        };
        runtime.addEventListener(variables, FlowableEngineEventType.VARIABLE_CREATED);
        String id = run("fanOutMixed", multiInstance(false, name), Map.of("guests", GUESTS));
        awaitParked(id, GUESTS.size());
        Thread.sleep(1500); // every 300 ms task has ended

        assertThat(watcher.pollOnce()).isEqualTo(GUESTS.size());

        Map<String, Object> vars = awaitEnd(id);
        runtime.removeEventListener(variables);
        // Parking and waking keep the outcome and result out of engine variables; only the failure, woken by a job
        // of its own, gets them stored.
        assertThat(created.get(io.pveflow.pve.activity.TaskOutcome.VARIABLE)).as(created.toString()).hasValue(1);
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat(reached(id, "ok")).isEqualTo(GUESTS.size() - 1);
        assertThat(reached(id, "caught")).as("the failed task's error, caught on its own instance").isEqualTo(1);
        assertThat(jobs.count(TriggerBatchJobHandler.TYPE)).as("the five successes, woken by one job").isEqualTo(1);
        assertThat(jobs.count("async-trigger")).as("the failure, woken by a job of its own").isEqualTo(1);
        // At most one completion check per wake-up job (the batch's, and the failure's if its job ran while the
        // step was still incomplete), never one per sibling.
        assertThat(jobs.count("parallel-multi-instance-complete")).isLessThanOrEqualTo(2);
        for (int vmid : GUESTS) {
            boolean snapshotted = pve().snapshots().list(guestRef(vmid)).stream().anyMatch(s -> name.equals(s.name()));
            assertThat(snapshotted).as("snapshot of " + vmid).isEqualTo(vmid != 103);
        }
    }

    @Test
    void siblingsWokenInTwoBatchesLeaveOneCompletionCheckPerBatch() throws Exception {
        String name = "two" + System.nanoTime() % 100000;
        String id = run("fanOutTwoBatches", multiInstance(false, name), Map.of("guests", GUESTS));
        awaitParked(id, GUESTS.size());
        Thread.sleep(1500);

        // A watcher that sees half the waits first, as when tasks end across two cycles.
        TaskWaits firstHalf = new TaskWaits() {
            @Override
            public void park(io.pveflow.pve.activity.WaitingTask task) {
                waits.park(task);
            }

            @Override
            public List<io.pveflow.pve.activity.WaitingTask> all(int limit) {
                return waits.all(limit).stream().filter(w -> isOf(id, w.executionId())).limit(GUESTS.size() / 2).toList();
            }

            @Override
            public boolean claim(String executionId) {
                return waits.claim(executionId);
            }
        };
        assertThat(new TaskWatcher(firstHalf, registry, management, Duration.ofSeconds(1)).pollOnce()).isEqualTo(GUESTS.size() / 2);
        Instant deadline = Instant.now().plusSeconds(30);
        while (reached(id, "ok") < GUESTS.size() / 2) {
            assertThat(Instant.now()).as("the first half completes").isBefore(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1000); // the first batch's completion check runs (and finds the step incomplete)
        assertThat(watcher.pollOnce()).isEqualTo(GUESTS.size() - GUESTS.size() / 2);

        Map<String, Object> vars = awaitEnd(id);
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat(reached(id, "ok")).isEqualTo(GUESTS.size());
        assertThat(jobs.count(TriggerBatchJobHandler.TYPE)).isEqualTo(2);
        // Without pruning, each of the first three subprocess instances leaves a check of its own.
        assertThat(jobs.count("parallel-multi-instance-complete")).isLessThanOrEqualTo(1);
    }

    @Test
    void twoWatchersWakeEachExecutionOnce() throws Exception {
        String name = "two" + System.nanoTime() % 100000;
        String id = run("fanOutTwoNodes", multiInstance(false, name), Map.of("guests", GUESTS));
        awaitParked(id, GUESTS.size());
        Thread.sleep(1500);

        // A second server node: its own watcher over the same database and cluster.
        TaskWatcher other = new TaskWatcher(waits, registry, management, Duration.ofSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> cycles = pool.invokeAll(List.<Callable<Integer>>of(watcher::pollOnce, other::pollOnce));
            int woken = 0;
            for (Future<Integer> cycle : cycles) {
                woken += cycle.get();
            }
            assertThat(woken).as("each execution claimed by exactly one watcher").isEqualTo(GUESTS.size());
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> vars = awaitEnd(id);
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat(reached(id, "ok")).isEqualTo(GUESTS.size());
        assertThat(parked(id)).isZero();
    }

    @Test
    void aBatchThatFailsIsRetriedAsOneJobPerExecutionSoOneBadSiblingHoldsNoOneBack() throws Exception {
        String name = "bad" + System.nanoTime() % 100000;
        // Not a Proxmox failure: leaving the step throws for one guest (an unknown name in the flow's condition).
        String step = multiInstance(false, name).replace("<sequenceFlow id=\"i2\" sourceRef=\"snap\" targetRef=\"ok\"/>",
                "<sequenceFlow id=\"i2\" sourceRef=\"snap\" targetRef=\"ok\"><conditionExpression>"
                        + "${vmid == 103 ? noSuchName : true}</conditionExpression></sequenceFlow>");
        assertThat(step).contains("noSuchName");
        String id = run("fanOutBadSibling", step, Map.of("guests", GUESTS));
        try {
            awaitParked(id, GUESTS.size());
            Thread.sleep(1500);
            assertThat(watcher.pollOnce()).isEqualTo(GUESTS.size());

            Instant deadline = Instant.now().plusSeconds(90);
            List<String> failing = failingJobExecutions(id);
            while (reached(id, "ok") < GUESTS.size() - 1 || failing.isEmpty()) {
                assertThat(Instant.now()).as("the other five complete after the batch's retry").isBefore(deadline);
                Thread.sleep(200);
                failing = failingJobExecutions(id);
            }
            assertThat(reached(id, "ok")).isEqualTo(GUESTS.size() - 1);
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count()).isZero();
            assertThat(failing).as("the bad sibling's own trigger job carries the failure").hasSize(1);
            assertThat(runtime.getVariable(failing.get(0), "vmid")).isEqualTo(103);
        } finally {
            for (int attempt = 1; ; attempt++) {
                try {
                    runtime.deleteProcessInstance(id, "test cleanup");
                    break;
                } catch (org.flowable.common.engine.api.FlowableOptimisticLockingException e) {
                    if (attempt == 20) {
                        throw e;
                    }
                    Thread.sleep(500); // a retry of the bad sibling was running
                }
            }
        }
    }

    /** Executions whose jobs failed: retrying (with the exception kept), or dead-lettered once out of retries. */
    private List<String> failingJobExecutions(String id) {
        List<String> failing = new java.util.ArrayList<>();
        management.createTimerJobQuery().processInstanceId(id).withException().list().forEach(j -> failing.add(j.getExecutionId()));
        management.createDeadLetterJobQuery().processInstanceId(id).list().forEach(j -> failing.add(j.getExecutionId()));
        management.createJobQuery().processInstanceId(id).withException().list().forEach(j -> failing.add(j.getExecutionId()));
        return failing.stream().distinct().toList();
    }

    @Test
    void aWakeUpWrittenByTheVersionBeforeStillCompletesItsSteps() throws Exception {
        // Before results travelled with the wait and the wake-up job, the watcher stored the outcome (and the step
        // its pending result) as variables and the batch job held only ids. Jobs like that may be in the database
        // when a server is upgraded.
        String name = "old" + System.nanoTime() % 100000;
        String step = multiInstance(false, name).replace("<extensionElements>",
                "<extensionElements>" + field("resultVariable", "upid"));
        List<Integer> guests = List.copyOf(GUESTS.subList(0, 2));
        String id = run("fanOutOldWakeUp", step, Map.of("guests", guests));
        awaitParked(id, guests.size());
        Thread.sleep(1000); // the 300 ms tasks have ended
        List<io.pveflow.pve.activity.WaitingTask> parked = waits.all(1000).stream().filter(w -> isOf(id, w.executionId())).toList();
        management.executeCommand(commandContext -> {
            var executions = org.flowable.engine.impl.util.CommandContextUtil.getExecutionEntityManager(commandContext);
            var engine = org.flowable.engine.impl.util.CommandContextUtil.getProcessEngineConfiguration(commandContext);
            StringBuilder ids = new StringBuilder();
            org.flowable.engine.impl.persistence.entity.ExecutionEntity any = null;
            for (io.pveflow.pve.activity.WaitingTask wait : parked) {
                assertThat(waits.claim(wait.executionId())).isTrue();
                var execution = executions.findById(wait.executionId());
                execution.setVariableLocal("pveTaskPendingResult", Map.of("variable", "upid", "value", wait.upid()));
                execution.setVariableLocal(io.pveflow.pve.activity.TaskOutcome.VARIABLE,
                        new io.pveflow.pve.activity.TaskOutcome(wait.upid(), "OK", false, List.of("old-style wake")).toMap());
                ids.append('\n').append(execution.getId());
                any = execution;
            }
            var job = org.flowable.engine.impl.util.JobUtil.createJob(any.getProcessInstance(), any.getCurrentFlowElement(),
                    TriggerBatchJobHandler.TYPE, engine);
            var jobService = engine.getJobServiceConfiguration().getJobService();
            jobService.createAsyncJob(job, true);
            job.setCustomValues(job.getRetries() + ids.toString());
            jobService.scheduleAsyncJob(job);
            return null;
        });

        Map<String, Object> vars = awaitEnd(id);
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat(reached(id, "ok")).isEqualTo(guests.size());
        assertThat(jobs.count(TriggerBatchJobHandler.TYPE)).isEqualTo(1);
        assertThat((String) vars.get("upid")).as("the stored pending result").contains(":qmsnapshot:");
        assertThat(vars).as("the stored variables were removed once used").doesNotContainKeys(
                io.pveflow.pve.activity.TaskOutcome.VARIABLE, "pveTaskPendingResult");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id)
                .variableName(io.pveflow.pve.activity.TaskOutcome.VARIABLE).count()).as("nor kept in history").isZero();
    }

    @Test
    void aStepParkedByTheVersionBeforeGetsItsStoredResult() throws Exception {
        // The version before kept a parked step's result in a variable, not with the wait.
        String name = "oldpark" + System.nanoTime() % 100000;
        String step = multiInstance(false, name).replace("<extensionElements>",
                "<extensionElements>" + field("resultVariable", "upid"));
        String id = run("fanOutOldPark", step, Map.of("guests", List.of(GUESTS.get(0))));
        awaitParked(id, 1);
        io.pveflow.pve.activity.WaitingTask wait = waits.all(1000).stream().filter(w -> isOf(id, w.executionId()))
                .findFirst().orElseThrow();
        context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("UPDATE pve_task_wait SET result_variable = NULL, result_json = NULL WHERE execution_id = ?")
                .param(wait.executionId()).update();
        runtime.setVariableLocal(wait.executionId(), "pveTaskPendingResult", Map.of("variable", "upid", "value", "stored-result"));
        Thread.sleep(1000); // the 300 ms task has ended

        assertThat(watcher.pollOnce()).isEqualTo(1);

        Map<String, Object> vars = awaitEnd(id);
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat(vars.get("upid")).as("the result stored by the version before").isEqualTo("stored-result");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).variableName("pveTaskPendingResult")
                .count()).as("used once and removed").isZero();
    }

    @Test
    void sequentialMultiInstanceStillRunsOneAfterTheOther() throws Exception {
        String name = "seq" + System.nanoTime() % 100000;
        List<Integer> guests = List.copyOf(GUESTS.subList(0, 3));
        String id = run("fanOutSequential", multiInstance(true, name), Map.of("guests", guests));
        for (int i = 0; i < guests.size(); i++) {
            awaitParked(id, 1);
            assertThat(parked(id)).as("one instance at a time").isEqualTo(1);
            Thread.sleep(800);
            assertThat(watcher.pollOnce()).isEqualTo(1);
            awaitParkedOrEnded(id, i + 1 < guests.size());
        }
        Map<String, Object> vars = awaitEnd(id);
        assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("done");
        assertThat(reached(id, "ok")).isEqualTo(guests.size());
        // Each instance parked alone, so each was woken alone: one wake-up job per instance, carrying its outcome.
        assertThat(jobs.count(TriggerBatchJobHandler.TYPE)).isEqualTo(guests.size());
        assertThat(jobs.count("async-trigger")).isZero();
    }

    /** The step: a (parallel or sequential) multi-instance subprocess snapshotting one guest per instance. */
    private static String multiInstance(boolean sequential, String snapname) {
        return """
                    <subProcess id="step">
                      <multiInstanceLoopCharacteristics isSequential="%s" flowable:collection="${guests}" flowable:elementVariable="vmid"/>
                      <startEvent id="instanceStart"/>
                      <sequenceFlow id="i1" sourceRef="instanceStart" targetRef="snap"/>
                      <serviceTask id="snap" flowable:delegateExpression="${pveSnapshotCreate}" flowable:async="true"
                                   flowable:exclusive="false" flowable:triggerable="true">
                        <extensionElements>%s%s</extensionElements>
                      </serviceTask>
                      <boundaryEvent id="snapFailed" attachedToRef="snap"><errorEventDefinition/></boundaryEvent>
                      <sequenceFlow id="i2" sourceRef="snap" targetRef="ok"/>
                      <sequenceFlow id="i3" sourceRef="snapFailed" targetRef="caught"/>
                      <endEvent id="ok"/>
                      <endEvent id="caught"/>
                    </subProcess>""".formatted(sequential, expression("vmid", "${vmid}"), field("snapname", snapname));
    }

    private long reached(String processInstanceId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId(activityId)
                .finished().count();
    }

    private boolean isOf(String processInstanceId, String executionId) {
        return runtime.createExecutionQuery().processInstanceId(processInstanceId).executionId(executionId).count() == 1;
    }

    private long parked(String id) {
        return waits.all(1000).stream().filter(w -> isOf(id, w.executionId())).count();
    }

    private void awaitParked(String id, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (parked(id) < count) {
            assertThat(Instant.now()).as("%d executions parked within 60 s", count).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** After a sequential instance was woken: the next one parks, or (after the last) the run ends. */
    private void awaitParkedOrEnded(String id, boolean more) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (more ? parked(id) == 0
                : history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 0) {
            assertThat(Instant.now()).as("next instance parked or run ended within 60 s").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Successful engine jobs by handler type. */
    private static final class JobCounter extends AbstractFlowableEventListener {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        @Override
        public void onEvent(FlowableEvent event) {
            if (event instanceof FlowableEntityEvent entityEvent && entityEvent.getEntity() instanceof Job job) {
                counts.computeIfAbsent(job.getJobHandlerType(), k -> new AtomicInteger()).incrementAndGet();
            }
        }

        int count(String type) {
            AtomicInteger count = counts.get(type);
            return count == null ? 0 : count.get();
        }

        @Override
        public boolean isFailOnException() {
            return false;
        }
    }
}
