package io.pveflow.sim.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.pveflow.sim.spec.FaultsSpec;
import io.pveflow.sim.spec.FaultsSpec.DropRule;
import io.pveflow.sim.spec.FaultsSpec.ErrorRule;
import io.pveflow.sim.spec.FaultsSpec.LatencyRule;
import io.pveflow.sim.spec.FaultsSpec.TaskRule;
import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.tasks.TaskFaults;

/**
 * Faults on demand, for the unhappy paths of the client and the processes: HTTP errors and latency per path,
 * dropped connections, offline nodes, failing or hanging tasks, guests stuck in a lock, and tasks that are
 * briefly unknown right after creation. Changeable at any time; thread-safe.
 */
public final class Faults implements TaskFaults {

    private final Cluster cluster;
    private final List<Armed<ErrorRule>> errors = new CopyOnWriteArrayList<>();
    private final List<Armed<LatencyRule>> latency = new CopyOnWriteArrayList<>();
    private final List<Armed<DropRule>> drops = new CopyOnWriteArrayList<>();
    private final List<Armed<TaskRule>> tasks = new CopyOnWriteArrayList<>();
    private volatile long invisibleMillis;
    private volatile Random random = new Random(42);

    /** A rule with its compiled path and remaining count. */
    private record Armed<R>(R rule, String method, Pattern path, Double rate, AtomicInteger remaining) {

        boolean matches(String m, String p) {
            return PathGlob.methodMatches(method, m) && path.matcher(p).matches();
        }

        /** Whether the rule fires this time; consumes one of its {@code times}. */
        boolean fire(Random random) {
            if (rate != null && rate < 1.0) {
                synchronized (random) {
                    if (random.nextDouble() >= rate) {
                        return false;
                    }
                }
            }
            if (remaining == null) {
                return true;
            }
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
    }

    public Faults(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Adds every rule of a fault description (the {@code faults} section of a cluster file). */
    public Faults apply(FaultsSpec spec) {
        if (spec.seed() != null) {
            random = new Random(spec.seed());
        }
        spec.errors().forEach(this::error);
        spec.latency().forEach(r -> latency.add(new Armed<>(r, r.method(), PathGlob.compile(r.path()), null, null)));
        spec.drops().forEach(r -> drops.add(new Armed<>(r, r.method(), PathGlob.compile(r.path()), r.rate(),
                r.times() == null ? null : new AtomicInteger(r.times()))));
        spec.tasks().forEach(this::task);
        spec.offlineNodes().forEach(this::nodeOffline);
        spec.stuckLocks().forEach(this::stuckLock);
        if (spec.newTaskInvisibleMillis() != null) {
            invisibleMillis = spec.newTaskInvisibleMillis();
        }
        return this;
    }

    // --- HTTP faults ---------------------------------------------------------------------------------

    /** Answers requests matching method (or {@code *}) and path glob with {@code status} and {@code message}. */
    public Faults error(String method, String pathGlob, int status, String message) {
        return error(new ErrorRule(method, pathGlob, 1.0, status, message, null));
    }

    public Faults error(ErrorRule rule) {
        errors.add(new Armed<>(rule, rule.method(), PathGlob.compile(rule.path()), rule.rate(),
                rule.times() == null ? null : new AtomicInteger(rule.times())));
        return this;
    }

    public Faults latency(String pathGlob, Duration delay) {
        LatencyRule rule = new LatencyRule(null, pathGlob, delay.toMillis());
        latency.add(new Armed<>(rule, null, PathGlob.compile(pathGlob), null, null));
        return this;
    }

    /** Closes the connection without an answer for matching requests ({@code rate} 0..1). */
    public Faults drop(String pathGlob, double rate) {
        DropRule rule = new DropRule(null, pathGlob, rate, null);
        drops.add(new Armed<>(rule, null, PathGlob.compile(pathGlob), rate, null));
        return this;
    }

    // --- cluster faults ------------------------------------------------------------------------------

    /** The node stops answering: its proxied calls get 595, its guests show as unknown. */
    public Faults nodeOffline(String node) {
        setOnline(node, false);
        return this;
    }

    public Faults nodeOnline(String node) {
        setOnline(node, true);
        return this;
    }

    private void setOnline(String node, boolean online) {
        cluster.write(() -> {
            Node n = cluster.node(node);
            if (n == null) {
                throw new IllegalArgumentException("no such node " + node);
            }
            n.setOnline(online, Cluster.now());
        });
    }

    /** Tasks of a worker type (glob such as {@code vzdump} or {@code qm*}) end with this error. */
    public Faults failTasks(String typeGlob, String message) {
        return task(new TaskRule(typeGlob, null, "fail", message, null));
    }

    /** Tasks of a worker type never end until stopped. */
    public Faults hangTasks(String typeGlob) {
        return task(new TaskRule(typeGlob, null, "hang", null, null));
    }

    public Faults task(TaskRule rule) {
        tasks.add(new Armed<>(rule, null, PathGlob.compile(rule.type()), null,
                rule.times() == null ? null : new AtomicInteger(rule.times())));
        return this;
    }

    /** Puts a lock on a guest that no task will remove (as after a crashed backup). */
    public Faults stuckLock(int vmid, String lock) {
        cluster.write(() -> {
            Guest guest = cluster.guest(vmid);
            if (guest == null) {
                throw new IllegalArgumentException("no such guest " + vmid);
            }
            guest.setLock(lock);
        });
        return this;
    }

    public Faults releaseLock(int vmid) {
        cluster.write(() -> {
            Guest guest = cluster.guest(vmid);
            if (guest != null) {
                guest.setLock(null);
            }
        });
        return this;
    }

    /** For this long after creation, a task's status and log answer 400 "no such task". */
    public Faults newTasksInvisibleFor(Duration window) {
        invisibleMillis = window.toMillis();
        return this;
    }

    /** Removes every request and task rule (nodes stay as they are; see {@link #nodeOnline}). */
    public Faults clear() {
        errors.clear();
        latency.clear();
        drops.clear();
        tasks.clear();
        invisibleMillis = 0;
        return this;
    }

    // --- queries for the HTTP layer and the task manager ----------------------------------------------

    public ErrorRule errorFor(String method, String path) {
        for (Armed<ErrorRule> a : errors) {
            if (a.matches(method, path) && a.fire(random)) {
                return a.rule();
            }
        }
        return null;
    }

    public long latencyFor(String method, String path) {
        long total = 0;
        for (Armed<LatencyRule> a : latency) {
            if (a.matches(method, path) && a.rule().millis() != null) {
                total += a.rule().millis();
            }
        }
        return total;
    }

    public boolean dropFor(String method, String path) {
        for (Armed<DropRule> a : drops) {
            if (a.matches(method, path) && a.fire(random)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String taskFault(String type, String id) {
        for (Armed<TaskRule> a : tasks) {
            TaskRule rule = a.rule();
            if (!a.path().matcher(type).matches()) {
                continue;
            }
            if (rule.vmid() != null && !String.valueOf(rule.vmid()).equals(id)) {
                continue;
            }
            if (!a.fire(random)) {
                continue;
            }
            if ("hang".equals(rule.mode())) {
                return HANG;
            }
            return rule.message() != null ? rule.message() : "simulated failure";
        }
        return null;
    }

    @Override
    public long invisibleMillis() {
        return invisibleMillis;
    }

    /** The current rules, in the cluster file's shape. */
    public FaultsSpec describe() {
        List<String> offline = cluster.read(() -> {
            List<String> names = new ArrayList<>();
            cluster.nodes().forEach(n -> {
                if (!n.online()) {
                    names.add(n.name());
                }
            });
            return names;
        });
        Map<Integer, String> locks = new LinkedHashMap<>();
        return new FaultsSpec(errors.stream().map(Armed::rule).toList(), latency.stream().map(Armed::rule).toList(),
                drops.stream().map(Armed::rule).toList(), offline, tasks.stream().map(Armed::rule).toList(), locks,
                invisibleMillis, null);
    }
}
