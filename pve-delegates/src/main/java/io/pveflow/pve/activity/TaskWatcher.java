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
 * Wakes executions parked on Proxmox tasks. Once per interval it reads each node's task list in one request,
 * whatever the number of waiting executions on that node, and for every task that has ended (or whose wait
 * timed out) it claims the wait, hands the outcome to the execution and triggers it asynchronously, all in one
 * transaction. Several server nodes may run it: the claim lets exactly one of them wake each execution, and the
 * trigger runs as an ordinary engine job, so a failure there becomes a retry or an incident.
 */
public final class TaskWatcher {

    private static final Logger log = LoggerFactory.getLogger(TaskWatcher.class);
    private static final int LOG_TAIL = 50;
    private static final Duration LIST_SLACK = Duration.ofMinutes(2);

    private final TaskWaits waits;
    private final PveClientRegistry clients;
    private final ManagementService management;
    private final Duration interval;
    private final AtomicLong requests = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public TaskWatcher(TaskWaits waits, PveClientRegistry clients, ManagementService management, Duration interval) {
        this.waits = waits;
        this.clients = clients;
        this.management = management;
        this.interval = interval;
    }

    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "pveflow-task-watcher");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /**
     * Triggers the execution as an engine job, exclusive only when the step is: a parallel multi-instance step
     * marked {@code flowable:exclusive="false"} then completes its instances in parallel instead of one job of
     * the process instance at a time (Flowable's {@code triggerAsync} always makes exclusive jobs).
     */
    private static void scheduleTrigger(org.flowable.common.engine.impl.interceptor.CommandContext commandContext,
                                        String executionId) {
        var engine = CommandContextUtil.getProcessEngineConfiguration(commandContext);
        org.flowable.engine.impl.persistence.entity.ExecutionEntity execution =
                CommandContextUtil.getExecutionEntityManager(commandContext).findById(executionId);
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

    private void pollSafely() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            log.warn("Task watcher cycle failed: {}", e.toString());
        }
    }

    /** One cycle; returns how many executions were woken. */
    public int pollOnce() {
        Map<String, List<WaitingTask>> byNode = new LinkedHashMap<>();
        for (WaitingTask wait : waits.all(5000)) {
            byNode.computeIfAbsent(wait.clusterId() + "\u0000" + wait.node(), k -> new ArrayList<>()).add(wait);
        }
        int woken = 0;
        for (List<WaitingTask> group : byNode.values()) {
            try {
                woken += pollNode(group);
            } catch (PveApiException e) {
                log.info("Cannot read tasks of node {} in cluster {} ({}); retrying next cycle", group.get(0).node(),
                        group.get(0).clusterId(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Task watcher failed for node {} in cluster {}: {}", group.get(0).node(), group.get(0).clusterId(),
                        e.toString());
            }
        }
        return woken;
    }

    private int pollNode(List<WaitingTask> group) {
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
        int woken = 0;
        Instant now = Instant.now();
        for (WaitingTask wait : group) {
            boolean ended = wait.upid() == null;
            String exitStatus = wait.upid() == null ? "OK" : null;
            if (wait.upid() != null) {
                TaskSummary summary = byUpid.get(wait.upid());
                if (summary != null && !summary.isRunning()) {
                    ended = true;
                    exitStatus = summary.status();
                } else if (summary == null && now.isAfter(wait.startedAt().plusSeconds(30))) {
                    // Not in the list (older than the window, or the list was cut): ask for this one task.
                    requests.incrementAndGet();
                    TaskStatus status = pve.tasks().status(Upid.parse(wait.upid()));
                    if (!status.isRunning()) {
                        ended = true;
                        exitStatus = status.exitstatus();
                    }
                }
            }
            if (ended && wait.condition() != null && PveErrors.isSuccess(exitStatus) && !state.holds(wait)) {
                ended = false; // the task ended, but what it set in motion has not arrived yet
            }
            if (ended) {
                woken += wake(wait, new TaskOutcome(wait.upid(), exitStatus, false, logTail(pve, wait))) ? 1 : 0;
            } else if (now.isAfter(wait.deadline())) {
                woken += wake(wait, new TaskOutcome(wait.upid(), null, true, logTail(pve, wait))) ? 1 : 0;
            }
        }
        return woken;
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
        } catch (PveApiException e) {
            return List.of("(task log not available: " + e.getMessage() + ")");
        }
    }

    private boolean wake(WaitingTask wait, TaskOutcome outcome) {
        return management.executeCommand(commandContext -> {
            if (!waits.claim(wait.executionId())) {
                return false; // another server node took it
            }
            var runtime = CommandContextUtil.getProcessEngineConfiguration(commandContext).getRuntimeService();
            if (runtime.createExecutionQuery().executionId(wait.executionId()).count() == 0) {
                return false; // the run was cancelled meanwhile
            }
            runtime.setVariableLocal(wait.executionId(), TaskOutcome.VARIABLE, outcome.toMap());
            scheduleTrigger(commandContext, wait.executionId());
            return true;
        });
    }
}
