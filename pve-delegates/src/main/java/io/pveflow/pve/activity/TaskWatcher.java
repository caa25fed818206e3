package io.pveflow.pve.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.engine.ManagementService;
import org.flowable.engine.impl.persistence.entity.ExecutionEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pveflow.pve.client.PveApiException;
import io.pveflow.pve.client.PveClient;
import io.pveflow.pve.client.PveErrors;
import io.pveflow.pve.client.Tasks;
import io.pveflow.pve.client.Upid;
import io.pveflow.pve.client.model.LogLine;
import io.pveflow.pve.client.model.TaskStatus;
import io.pveflow.pve.client.model.TaskSummary;

/**
 * Wakes executions parked on Proxmox tasks. It reads each node's task list in one request, whatever the number of
 * waiting executions on that node, as often as the {@link PollSchedule} says for the age of the node's youngest
 * wait (soon after a task started, rarely once it has run for long; a wait parked on this server node brings the
 * next look forward, see {@link #nudge()}), reads the logs of the tasks that ended (a few at a time), and then, in
 * one transaction per few hundred, claims each wait, records how its task ended, hands the outcome to the execution
 * and schedules its trigger. Several server nodes may run it: the claim lets exactly one of them wake each
 * execution, and the trigger runs as an ordinary engine job, so a failure there becomes a retry or an incident.
 * Successful ends of one run share one job ({@link TriggerBatchJobHandler}); failures and timeouts get their own.
 */
public final class TaskWatcher {

    private static final Logger log = LoggerFactory.getLogger(TaskWatcher.class);
    private static final int LOG_TAIL = 50;
    private static final Duration LIST_SLACK = Duration.ofMinutes(2);
    private static final int WAKES_PER_TRANSACTION = 500;
    private static final int LOG_READERS = 8;
    private static final Duration DUE_TOLERANCE = Duration.ofMillis(20);

    private final TaskWaits waits;
    private final PveClientRegistry clients;
    private final ManagementService management;
    private final PollSchedule schedule;
    private final boolean batchWakeUps;
    private final AtomicLong requests = new AtomicLong();
    /** When each node (cluster id NUL node) was last looked at; only nodes that have waits. */
    private final Map<String, Instant> lastLooks = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private java.util.concurrent.ScheduledFuture<?> nextCycle;
    private boolean cycleRunning;
    private boolean nudged;
    private boolean toldOfParks;
    private volatile java.util.concurrent.ExecutorService logReaders;

    /** Looks at every node with waits once per {@code interval}. */
    public TaskWatcher(TaskWaits waits, PveClientRegistry clients, ManagementService management, Duration interval) {
        this(waits, clients, management, PollSchedule.fixed(interval), true);
    }

    /**
     * @param batchWakeUps wake the successful siblings of one run with one job ({@link TriggerBatchJobHandler});
     *                     false gives every execution a trigger job of its own (the behaviour before batching)
     */
    public TaskWatcher(TaskWaits waits, PveClientRegistry clients, ManagementService management, PollSchedule schedule,
                       boolean batchWakeUps) {
        this.waits = waits;
        this.clients = clients;
        this.management = management;
        this.schedule = schedule;
        this.batchWakeUps = batchWakeUps;
    }

    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "pveflow-task-watcher");
                thread.setDaemon(true);
                return thread;
            });
            logReaders = Executors.newFixedThreadPool(LOG_READERS, r -> {
                Thread thread = new Thread(r, "pveflow-task-log");
                thread.setDaemon(true);
                return thread;
            });
            if (!toldOfParks) {
                waits.afterPark(this::nudge);
                toldOfParks = true;
            }
            nextCycle = scheduler.schedule(this::cycle, schedule.min().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            nextCycle = null;
            logReaders.shutdownNow();
            logReaders = null;
        }
    }

    /**
     * Triggers the execution as an engine job, exclusive only when the step is: a parallel multi-instance step
     * marked {@code flowable:exclusive="false"} then completes its instances in parallel instead of one job of
     * the process instance at a time (Flowable's {@code triggerAsync} always makes exclusive jobs).
     */
    static void scheduleTrigger(org.flowable.common.engine.impl.interceptor.CommandContext commandContext,
                                ExecutionEntity execution) {
        var engine = CommandContextUtil.getProcessEngineConfiguration(commandContext);
        boolean exclusive = !(execution.getCurrentFlowElement() instanceof org.flowable.bpmn.model.Activity activity)
                || activity.isExclusive();
        var jobService = engine.getJobServiceConfiguration().getJobService();
        var job = org.flowable.engine.impl.util.JobUtil.createJob(execution, execution.getCurrentFlowElement(),
                org.flowable.engine.impl.jobexecutor.AsyncTriggerJobHandler.TYPE, engine);
        jobService.createAsyncJob(job, exclusive);
        jobService.scheduleAsyncJob(job);
    }

    /** PVE API requests this watcher has made (for benchmarks). */
    public long requestCount() {
        return requests.get();
    }

    /**
     * A wait was parked on this server node (called after its transaction committed): the next look comes within
     * the schedule's minimum instead of whatever the waits seen so far allowed.
     */
    public void nudge() {
        synchronized (this) {
            if (scheduler == null) {
                return;
            }
            if (cycleRunning) {
                nudged = true; // the running cycle may have read the waits before this one: look again soon
            } else if (nextCycle != null && nextCycle.getDelay(TimeUnit.MILLISECONDS) > schedule.min().toMillis()
                    && nextCycle.cancel(false)) {
                nextCycle = scheduler.schedule(this::cycle, schedule.min().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The scheduled loop: looks at the nodes that are due, then sleeps until the next one is. */
    private void cycle() {
        synchronized (this) {
            cycleRunning = true;
            nudged = false;
        }
        Duration delay = schedule.max();
        try {
            // Counted from now, after the cycle's own requests: the schedule says when to look, not how long to
            // rest. A slow cycle (a struggling Proxmox) still gets a rest of half its length before the next.
            Instant started = Instant.now();
            Instant due = poll(true).nextLook();
            Instant now = Instant.now();
            Duration rest = Duration.between(started, now).dividedBy(2);
            Duration untilDue = Duration.between(now, due);
            delay = untilDue.compareTo(rest) < 0 ? rest : untilDue;
        } catch (RuntimeException e) {
            log.warn("Task watcher cycle failed: {}", e.toString());
        }
        synchronized (this) {
            cycleRunning = false;
            if (scheduler == null || scheduler.isShutdown()) {
                return;
            }
            if (nudged && delay.compareTo(schedule.min()) > 0) {
                delay = schedule.min();
            }
            nextCycle = scheduler.schedule(this::cycle, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Looks at every node that has waits, due or not; returns how many executions were woken. */
    public int pollOnce() {
        return poll(false).woken();
    }

    /** What a cycle did, and when a node is due again. */
    private record Cycle(int woken, Instant nextLook) {
    }

    private Cycle poll(boolean onlyDue) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        Map<String, List<WaitingTask>> byNode = new LinkedHashMap<>();
        for (WaitingTask wait : waits.all(5000)) {
            byNode.computeIfAbsent(wait.clusterId() + "\u0000" + wait.node(), k -> new ArrayList<>()).add(wait);
        }
        lastLooks.keySet().retainAll(byNode.keySet());
        List<List<WaitingTask>> due = new ArrayList<>();
        Instant nextLook = now.plus(schedule.max());
        // A node due a few milliseconds from now is due now: the scheduler's timing is not that exact, and a node
        // missed by a hair would otherwise wait for the one after.
        Instant horizon = now.plus(DUE_TOLERANCE);
        for (Map.Entry<String, List<WaitingTask>> node : byNode.entrySet()) {
            Instant youngest = node.getValue().stream().map(WaitingTask::startedAt).max(Instant::compareTo).orElseThrow();
            Instant firstDeadline = node.getValue().stream().map(WaitingTask::deadline).min(Instant::compareTo).orElseThrow();
            Instant nodeDue = schedule.nextLook(lastLooks.get(node.getKey()), youngest, now);
            if (!onlyDue || !nodeDue.isAfter(horizon) || !firstDeadline.isAfter(horizon)) {
                due.add(node.getValue());
                lastLooks.put(node.getKey(), now);
                nodeDue = schedule.nextLook(now, youngest, now);
            }
            nextLook = min(nextLook, min(nodeDue, firstDeadline));
        }
        if (!nextLook.isAfter(horizon)) {
            // Still overdue after this look (a passed deadline whose wake failed, say): try again after the
            // minimum, not in a busy loop.
            nextLook = now.plus(schedule.min());
        }
        List<Ended> ended = new ArrayList<>();
        for (List<WaitingTask> group : due) {
            try {
                ended.addAll(pollNode(group));
            } catch (PveApiException e) {
                log.info("Cannot read tasks of node {} in cluster {} ({}); retrying next cycle", group.get(0).node(),
                        group.get(0).clusterId(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Task watcher failed for node {} in cluster {}: {}", group.get(0).node(), group.get(0).clusterId(),
                        e.toString());
            }
        }
        long polled = System.nanoTime();
        List<Wake> wakes = withLogs(ended);
        long logsRead = System.nanoTime();
        int woken = wakeAll(wakes);
        if (!ended.isEmpty() && log.isDebugEnabled()) {
            log.debug("Cycle: {} waits on {} nodes ({} looked at), {} ended; task lists {} ms, logs {} ms, wake {} ms "
                            + "({} woken)", byNode.values().stream().mapToInt(List::size).sum(), byNode.size(), due.size(),
                    ended.size(), (polled - started) / 1_000_000, (logsRead - polled) / 1_000_000,
                    (System.nanoTime() - logsRead) / 1_000_000, woken);
        }
        return new Cycle(woken, nextLook);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A wait whose task ended (or whose deadline passed) in this cycle; the log is read afterwards. */
    private record Ended(WaitingTask task, PveClient pve, String exitStatus, boolean timedOut) {
    }

    /** A wait ready to be woken with its outcome. */
    private record Wake(WaitingTask task, TaskOutcome outcome) {
        boolean succeeded() {
            return !outcome.timedOut() && PveErrors.isSuccess(outcome.exitStatus());
        }
    }

    private List<Ended> pollNode(List<WaitingTask> group) {
        WaitingTask first = group.get(0);
        PveClient pve = clients.client(first.clusterId());
        Map<String, TaskSummary> byUpid = new HashMap<>();
        if (group.stream().anyMatch(w -> w.upid() != null)) {
            Instant since = group.stream().filter(w -> w.upid() != null).map(WaitingTask::startedAt)
                    .min(Instant::compareTo).orElseThrow().minus(LIST_SLACK);
            requests.incrementAndGet();
            for (TaskSummary task : pve.tasks().list(first.node(), new Tasks.ListOptions()
                    .source(Tasks.ListOptions.Source.ALL).since(since).limit(10000))) {
                byUpid.put(task.upid(), task);
            }
        }
        ClusterState state = new ClusterState(pve);
        List<Ended> ended = new ArrayList<>();
        Instant now = Instant.now();
        for (WaitingTask wait : group) {
            boolean done = wait.upid() == null;
            String exitStatus = wait.upid() == null ? "OK" : null;
            if (wait.upid() != null) {
                TaskSummary summary = byUpid.get(wait.upid());
                if (summary != null && !summary.isRunning()) {
                    done = true;
                    exitStatus = summary.status();
                } else if (summary == null && now.isAfter(wait.startedAt().plusSeconds(30))) {
                    // Not in the list (older than the window, or the list was cut): ask for this one task.
                    requests.incrementAndGet();
                    TaskStatus status = pve.tasks().status(Upid.parse(wait.upid()));
                    if (!status.isRunning()) {
                        done = true;
                        exitStatus = status.exitstatus();
                    }
                }
            }
            if (done && wait.condition() != null && PveErrors.isSuccess(exitStatus) && !state.holds(wait)) {
                done = false; // the task ended, but what it set in motion has not arrived yet
            }
            if (done) {
                ended.add(new Ended(wait, pve, exitStatus, false));
            } else if (now.isAfter(wait.deadline())) {
                ended.add(new Ended(wait, pve, null, true));
            }
        }
        return ended;
    }

    /** What conditions look at, read at most once per node and cycle. */
    private final class ClusterState {
        private final PveClient pve;
        private List<io.pveflow.pve.client.model.ClusterResource> guests;
        private List<io.pveflow.pve.client.model.NodeInfo> nodes;

        ClusterState(PveClient pve) {
            this.pve = pve;
        }

        boolean holds(WaitingTask wait) {
            String condition = wait.condition();
            int colon = condition.indexOf(':');
            String kind = condition.substring(0, colon);
            String value = condition.substring(colon + 1);
            return switch (kind) {
                case "guest-state" -> guest(wait.vmid()).map(g -> value.equals(g.status())).orElse(false);
                case "guest-on" -> guest(wait.vmid()).map(g -> value.equals(g.node())).orElse(false);
                case "node-back" -> nodeBackSince(wait.node(), Long.parseLong(value));
                default -> throw new IllegalStateException("unknown wait condition " + condition);
            };
        }

        private java.util.Optional<io.pveflow.pve.client.model.ClusterResource> guest(int vmid) {
            if (guests == null) {
                requests.incrementAndGet();
                guests = pve.cluster().resources(io.pveflow.pve.client.ClusterApi.ResourceType.VM);
            }
            return guests.stream().filter(g -> g.vmid() != null && g.vmid() == vmid).findFirst();
        }

        /** Online, and its uptime says it booted after the reboot was asked for. */
        private boolean nodeBackSince(String node, long requestedAtEpochSeconds) {
            if (nodes == null) {
                requests.incrementAndGet();
                nodes = pve.nodes().list();
            }
            long now = Instant.now().getEpochSecond();
            return nodes.stream().anyMatch(n -> node.equals(n.node()) && n.isOnline() && n.uptime() != null
                    && now - n.uptime() >= requestedAtEpochSeconds);
        }
    }

    /**
     * Reads the log tails of the ended tasks, a few at a time: one request per task, which a cycle that ends
     * hundreds of tasks would otherwise spend one after another on this single thread.
     */
    private List<Wake> withLogs(List<Ended> ended) {
        if (ended.isEmpty()) {
            return List.of();
        }
        java.util.concurrent.Executor readers = logReaders != null ? logReaders : Runnable::run; // not started: tests
        List<java.util.concurrent.CompletableFuture<Wake>> reads = new ArrayList<>();
        for (Ended e : ended) {
            reads.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> new Wake(e.task(),
                    new TaskOutcome(e.task().upid(), e.exitStatus(), e.timedOut(), logTail(e.pve(), e.task()))), readers));
        }
        return reads.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    private List<String> logTail(PveClient pve, WaitingTask wait) {
        if (wait.upid() == null) {
            return List.of();
        }
        try {
            requests.incrementAndGet();
            List<String> lines = new ArrayList<>();
            for (LogLine line : pve.tasks().log(Upid.parse(wait.upid()), 0, 5000).lines()) {
                lines.add(line.t());
            }
            return lines.size() > LOG_TAIL ? new ArrayList<>(lines.subList(lines.size() - LOG_TAIL, lines.size())) : lines;
        } catch (RuntimeException e) {
            return List.of("(task log not available: " + e.getMessage() + ")");
        }
    }

    /**
     * Wakes the ended waits, {@value #WAKES_PER_TRANSACTION} to a transaction: claims each (so exactly one server
     * node wakes it), hands it its outcome, and schedules the triggers: one batch job per process instance for
     * the tasks that succeeded (siblings of a parallel multi-instance step then complete in one transaction
     * instead of racing for the multi-instance root), a job of its own for each failure or timeout (its BPMN
     * error stays on its own execution). Claims go in execution id order, so two nodes claiming overlapping
     * sets wait for each other instead of deadlocking.
     */
    private int wakeAll(List<Wake> wakes) {
        List<Wake> sorted = new ArrayList<>(wakes);
        sorted.sort(java.util.Comparator.comparing(w -> w.task().executionId()));
        int woken = 0;
        for (int from = 0; from < sorted.size(); from += WAKES_PER_TRANSACTION) {
            List<Wake> chunk = sorted.subList(from, Math.min(sorted.size(), from + WAKES_PER_TRANSACTION));
            try {
                woken += management.executeCommand(commandContext -> wake(commandContext, chunk));
            } catch (RuntimeException e) {
                // Nothing was claimed: the same waits come round again next cycle.
                log.warn("Task watcher could not wake {} executions: {}", chunk.size(), e.toString());
            }
        }
        return woken;
    }

    private int wake(org.flowable.common.engine.impl.interceptor.CommandContext commandContext, List<Wake> chunk) {
        var executions = CommandContextUtil.getExecutionEntityManager(commandContext);
        Map<String, List<TriggerBatchJobHandler.Wakeup>> succeededByProcess = new LinkedHashMap<>();
        int woken = 0;
        for (Wake wake : chunk) {
            if (!waits.claim(wake.task().executionId())) {
                continue; // another server node took it
            }
            ExecutionEntity execution = executions.findById(wake.task().executionId());
            if (execution == null || execution.isEnded()) {
                continue; // the run was cancelled meanwhile
            }
            waits.ended(wake.task(), execution.getProcessInstanceId(), execution.getCurrentActivityId(), wake.outcome());
            TriggerBatchJobHandler.Wakeup wakeup = new TriggerBatchJobHandler.Wakeup(execution, wake.outcome(),
                    wake.task().resultVariable(), wake.task().result());
            if (batchWakeUps && wake.succeeded()) {
                succeededByProcess.computeIfAbsent(execution.getProcessInstanceId(), k -> new ArrayList<>()).add(wakeup);
            } else {
                wakeup.store();
                scheduleTrigger(commandContext, execution);
            }
            woken++;
        }
        // Successes travel in the batch job itself: no engine variable is written here or deleted later.
        for (List<TriggerBatchJobHandler.Wakeup> siblings : succeededByProcess.values()) {
            TriggerBatchJobHandler.schedule(commandContext, siblings);
        }
        return woken;
    }
}
