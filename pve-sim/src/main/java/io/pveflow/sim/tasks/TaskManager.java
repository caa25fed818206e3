package io.pveflow.sim.tasks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pveflow.sim.state.Cluster;

/**
 * Runs simulated workers. A task costs no thread while it "runs": a small scheduler calls its finish step
 * when its duration is over, so thousands of tasks may run at once. Keeps every node's task list (the most
 * recent {@value #KEEP_PER_NODE} per node) for {@code /nodes/{node}/tasks} and {@code /cluster/tasks}.
 */
public final class TaskManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);
    static final int KEEP_PER_NODE = 5000;

    private final Cluster cluster;
    private final Function<String, Duration> durations;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, Task> byUpid = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<Task>> byNode = new ConcurrentHashMap<>();
    private final Map<Integer, ArrayDeque<Task>> flocks = new HashMap<>();
    private final AtomicLong pids = new AtomicLong(0x1000 + (System.nanoTime() & 0xFFFF));
    private volatile TaskFaults faults = TaskFaults.NONE;

    public TaskManager(Cluster cluster, Function<String, Duration> durations) {
        this.cluster = cluster;
        this.durations = durations;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "pve-sim-tasks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.scheduler = new ScheduledThreadPoolExecutor(2, threads);
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    public void faults(TaskFaults taskFaults) {
        this.faults = taskFaults == null ? TaskFaults.NONE : taskFaults;
    }

    public TaskFaults faults() {
        return faults;
    }

    /** Runs something later on the task scheduler (HA manager actions, node reboots). */
    public void later(Duration delay, Runnable action) {
        scheduler.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("simulated background action failed", e);
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a worker and returns its task (the UPID is what the API answers). The worker's begin step runs
     * before this returns unless it waits for a guest's file lock.
     */
    public Task start(String node, String type, String id, String user, TaskWork work) {
        long now = System.currentTimeMillis() / 1000;
        long pstart = 0x10000000L + (pids.get() & 0xFFFFFFL) * 7;
        Upid upid = new Upid(node, pids.incrementAndGet() & 0xFFFFFFFFL, pstart, now, type, id == null ? "" : id, user);
        Task task = new Task(upid, work);
        byUpid.put(task.upidText(), task);
        ConcurrentLinkedDeque<Task> list = byNode.computeIfAbsent(node, k -> new ConcurrentLinkedDeque<>());
        list.addFirst(task);
        trim(list);
        Integer flock = work.flock();
        if (flock != null) {
            synchronized (flocks) {
                ArrayDeque<Task> queue = flocks.computeIfAbsent(flock, k -> new ArrayDeque<>());
                queue.addLast(task);
                if (queue.size() > 1) {
                    return task; // waits for the current holder, as PVE's flock would
                }
            }
        }
        begin(task);
        return task;
    }

    private void begin(Task task) {
        TaskWork work = task.work();
        String fault = faults.taskFault(task.upid().type(), task.upid().id());
        try {
            cluster.write(() -> {
                if (!task.running()) {
                    return;
                }
                work.begin(logOf(task));
                task.markBegun();
            });
        } catch (TaskFailure failure) {
            end(task, failure.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("simulated worker {} crashed", task.upidText(), e);
            end(task, "internal simulator error: " + e);
            return;
        }
        if (TaskFaults.HANG.equals(fault)) {
            return; // only a stop request ends it
        }
        Duration duration = work.duration(durations.apply(task.upid().type()));
        task.pending(scheduler.schedule(() -> finish(task, fault), Math.max(0, duration.toMillis()),
                TimeUnit.MILLISECONDS));
    }

    private void finish(Task task, String injectedError) {
        String error;
        try {
            error = cluster.write(() -> {
                if (!task.running()) {
                    return null;
                }
                if (injectedError != null) {
                    task.work().abort();
                    return injectedError;
                }
                try {
                    task.work().finish(logOf(task));
                    return null;
                } catch (TaskFailure failure) {
                    task.work().abort();
                    return failure.getMessage();
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("simulated worker {} crashed", task.upidText(), e);
            error = "internal simulator error: " + e;
        }
        end(task, error);
    }

    private void end(Task task, String error) {
        if (task.end(error)) {
            release(task);
        }
    }

    private void release(Task task) {
        Integer flock = task.work().flock();
        if (flock == null) {
            return;
        }
        Task next = null;
        synchronized (flocks) {
            ArrayDeque<Task> queue = flocks.get(flock);
            if (queue != null) {
                boolean wasHolder = queue.peekFirst() == task;
                queue.remove(task);
                if (queue.isEmpty()) {
                    flocks.remove(flock);
                } else if (wasHolder) {
                    next = queue.peekFirst();
                }
            }
        }
        if (next != null) {
            Task waiting = next;
            scheduler.execute(() -> begin(waiting));
        }
    }

    /** Stops a running task ({@code DELETE /nodes/{node}/tasks/{upid}}): it ends with an error. */
    public void stop(Task task) {
        if (!task.running()) {
            return;
        }
        java.util.concurrent.ScheduledFuture<?> pending = task.pending();
        if (pending != null) {
            pending.cancel(false);
        }
        boolean ended = cluster.write(() -> {
            if (!task.running()) {
                return false;
            }
            if (task.begun()) {
                task.work().abort();
            }
            return task.end("interrupted by signal");
        });
        if (ended) {
            release(task);
        }
    }

    public Task get(String upid) {
        return byUpid.get(upid);
    }

    /** Whether the task is so new that status requests should not find it yet (fault injection). */
    public boolean invisible(Task task) {
        long window = faults.invisibleMillis();
        return window > 0 && System.currentTimeMillis() - task.createdMillis() < window;
    }

    /** The node's tasks, newest first. */
    public List<Task> tasksOf(String node) {
        ConcurrentLinkedDeque<Task> list = byNode.get(node);
        return list == null ? List.of() : new ArrayList<>(list);
    }

    public Collection<String> nodesWithTasks() {
        return byNode.keySet();
    }

    public int runningCount() {
        int n = 0;
        for (Task t : byUpid.values()) {
            if (t.running()) {
                n++;
            }
        }
        return n;
    }

    private void trim(ConcurrentLinkedDeque<Task> list) {
        if (list.size() <= KEEP_PER_NODE) {
            return;
        }
        Iterator<Task> oldestFirst = list.descendingIterator();
        int excess = list.size() - KEEP_PER_NODE;
        while (oldestFirst.hasNext() && excess > 0) {
            Task t = oldestFirst.next();
            if (!t.running()) {
                oldestFirst.remove();
                byUpid.remove(t.upidText());
                excess--;
            }
        }
    }

    private static TaskLog logOf(Task task) {
        return new TaskLog() {
            @Override
            public void line(String text) {
                task.append(text);
            }

            @Override
            public void warn(String text) {
                task.warn(text);
            }

            @Override
            public Upid upid() {
                return task.upid();
            }
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
