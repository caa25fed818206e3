package io.pveflow.server.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.pveflow.pve.activity.TaskWatcher;
import io.pveflow.server.PveFlowServer;
import io.pveflow.server.clusters.ClusterRequest;
import io.pveflow.server.clusters.ClusterService;
import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.ClusterGenerator;
import io.pveflow.sim.spec.ClusterSpec;

/**
 * Not a test: N guests snapshotted in parallel by one multi-instance step against a simulated cluster whose tasks
 * take 2 s. Prints the wall time, the peak of busy engine threads, and the PVE requests the task watcher spent
 * per guest on waiting. Run: {@code mvn -pl pve-sim,pve-delegates,processes,server -DskipUi test-compile} then
 * {@code java -cp <test classpath> io.pveflow.server.bench.SnapshotFanOutBench [guests] [--rounds=N] [--warmup=W]
 * [--postgres] [--jfr=file]}. The first W rounds (default: all but the last) warm the JVM up, as a server that has
 * been running is; the summary gives the first round (a cold JVM) and the rest. {@code -Dbench.asyncProfiler=<lib>}
 * profiles the last round, {@code -Dbench.h2QueryStatistics=true} lists its slowest H2 statements.
 */
public final class SnapshotFanOutBench {

    private SnapshotFanOutBench() {
    }

    public static void main(String[] args) throws Exception {
        int guests = 500;
        boolean postgres = false;
        for (String arg : args) {
            if (arg.startsWith("--jfr=")) {
                jfr = Path.of(arg.substring("--jfr=".length()));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring("--warmup=".length()));
            } else if (arg.equals("--postgres")) {
                postgres = true;
                postgresRun = true;
            } else {
                guests = Integer.parseInt(arg);
            }
        }
        ClusterSpec spec = ClusterGenerator.generate(8, guests, 42);
        spec = spec.withTimings(spec.timings().withTaskMillis(2000).withLoginFailureDelayMillis(0));
        Path data = Files.createTempDirectory("pveflow-bench-");
        try (PveSimulator sim = PveSimulator.builder().cluster(spec).port(0).start()) {
            List<String> options = new java.util.ArrayList<>(List.of(
                    "--server.port=0", "--pveflow.data-dir=" + data, "--pveflow.demo.enabled=false",
                    "--pveflow.admin-password=bench-admin-password",
                    "--logging.level.root=WARN",
                    // Watcher cycles (task lists, logs, wake) and batch jobs, timed.
                    "--logging.level.io.pveflow.pve.activity=DEBUG"));
            String schema = null;
            if (postgres) {
                var pg = io.pveflow.server.testing.PostgresForTests.server();
                schema = io.pveflow.server.testing.PostgresForTests.newSchema("fanout");
                options.addAll(List.of("--spring.datasource.url=" + pg.jdbcUrl(), "--spring.datasource.username=" + pg.username(),
                        "--spring.datasource.password=" + pg.password(), "--pveflow.database.schema=" + schema));
            }
            // Extra settings to compare, e.g. -Dbench.args="--pveflow.engine.executor.max-pool-size=8"
            for (String extra : System.getProperty("bench.args", "").split(" ")) {
                if (!extra.isBlank()) {
                    options.add(extra);
                }
            }
            System.out.println("database: " + (postgres ? "PostgreSQL (schema " + schema + ")" : "H2") + ", options " + options);
            ConfigurableApplicationContext app = SpringApplication.run(PveFlowServer.class, options.toArray(String[]::new));
            try {
                setUp(app, sim);
                int warmupRounds = warmup < 0 ? rounds - 1 : Math.min(warmup, rounds - 1);
                List<Double> walls = new java.util.ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    System.out.printf("--- round %d of %d%s%n", round, rounds, round <= warmupRounds ? " (warm-up)" : "");
                    jdk.jfr.Recording recording = null;
                    if (jfr != null && round == rounds) {
                        recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("default"));
                        recording.setDestination(jfr);
                        recording.start();
                    }
                    String profiler = System.getProperty("bench.asyncProfiler");
                    if (profiler != null && round == rounds) {
                        asyncProfiler(profiler, System.getProperty("bench.asyncProfilerStart", "start,event=itimer,interval=1ms"));
                    }
                    boolean queryStats = Boolean.getBoolean("bench.h2QueryStatistics") && !postgres && round == rounds;
                    if (queryStats) {
                        h2QueryStatistics(app, true);
                    }
                    walls.add(run(app, sim, spec, guests, round));
                    if (queryStats) {
                        h2QueryStatistics(app, false);
                    }
                    if (profiler != null && round == rounds) {
                        System.out.println(asyncProfiler(profiler, "stop,file=" + System.getProperty("bench.asyncProfilerOut",
                                "/tmp/fanout-profile.collapsed") + ",collapsed"));
                    }
                    if (recording != null) {
                        recording.stop();
                        recording.close();
                        System.out.println("flight recording of the last round: " + jfr);
                    }
                }
                List<Double> measured = new java.util.ArrayList<>(walls.subList(warmupRounds, walls.size()));
                java.util.Collections.sort(measured);
                System.out.printf("summary: %d guests, 2 s tasks; first round (a freshly started JVM) %.1f s; "
                                + "%d measured round(s) after %d warm-up: min %.1f s, median %.1f s, max %.1f s%n",
                        guests, walls.get(0), measured.size(), warmupRounds, measured.get(0),
                        measured.get(measured.size() / 2), measured.get(measured.size() - 1));
            } finally {
                app.close();
                if (schema != null) {
                    io.pveflow.server.testing.PostgresForTests.dropSchema(schema);
                }
            }
        }
    }

    private static void setUp(ConfigurableApplicationContext app, PveSimulator sim) {
        app.getBean(ClusterService.class).create(new ClusterRequest("bench", "Benchmark (simulated)",
                List.of(sim.baseUrl()), "root@pam!bench", "bench-secret",
                new ClusterRequest.Tls("fingerprint", sim.fingerprint(), null)));
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/bench">
                  <process id="fanOut" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="snap"/>
                    <serviceTask id="snap" flowable:delegateExpression="${pveSnapshotCreate}" flowable:async="true" flowable:exclusive="false" flowable:triggerable="true">
                      <extensionElements>
                        <flowable:field name="vmid"><flowable:expression>${guest.vmid}</flowable:expression></flowable:field>
                        <flowable:field name="node"><flowable:expression>${guest.node}</flowable:expression></flowable:field>
                        <flowable:field name="type"><flowable:expression>${guest.type}</flowable:expression></flowable:field>
                        <flowable:field name="snapname"><flowable:expression>${snapname}</flowable:expression></flowable:field>
                        <flowable:field name="resultVariable"><flowable:string>snapUpid</flowable:string></flowable:field>
                      </extensionElements>
                      <multiInstanceLoopCharacteristics isSequential="false" flowable:collection="guests" flowable:elementVariable="guest"/>
                    </serviceTask>
                    <sequenceFlow id="f2" sourceRef="snap" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""";
        app.getBean(RepositoryService.class).createDeployment().tenantId("bench")
                .addBytes("fanOut.bpmn20.xml", bpmn.getBytes(StandardCharsets.UTF_8)).deploy();
    }

    /** One fan-out; returns its wall time in seconds. */
    private static double run(ConfigurableApplicationContext app, PveSimulator sim, ClusterSpec spec, int guests, int round)
            throws Exception {
        // As a designer would pass them from an inventory step: node and type known, no lookup per guest.
        List<Map<String, Object>> guestList = spec.guests().stream().limit(guests)
                .map(g -> Map.<String, Object>of("vmid", g.vmid(), "node", g.node(), "type", g.type())).toList();
        ThreadPoolTaskExecutor pool = app.getBean("processTaskExecutor", ThreadPoolTaskExecutor.class);
        TaskWatcher watcher = app.getBean(TaskWatcher.class);
        AtomicInteger peak = new AtomicInteger();
        JobCounter jobs = new JobCounter();
        app.getBean(RuntimeService.class).addEventListener(jobs,
                org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.JOB_EXECUTION_SUCCESS,
                org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.JOB_EXECUTION_FAILURE,
                org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.PROCESS_COMPLETED);
        long watcherBefore = watcher.requestCount();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        jobs.started = start;
        String id = app.getBean(RuntimeService.class).startProcessInstanceByKeyAndTenantId("fanOut",
                Map.of("guests", guestList, "snapname", "bench" + round), "bench").getId();
        double startReturned = (System.nanoTime() - start) / 1e9;
        System.out.println("started at " + java.time.Instant.now().minusNanos(System.nanoTime() - start)
                + " (the watcher's debug lines say when each cycle ended)");
        var waits = app.getBean(io.pveflow.pve.activity.TaskWaits.class);
        var management = app.getBean(org.flowable.engine.ManagementService.class);
        long lastReport = 0;
        // Engine events tell the phases; the loop only samples the pool (polling the database every few
        // milliseconds, as an earlier version did, took a tenth of the CPU it was measuring).
        while (!jobs.ended.await(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peak.accumulateAndGet(pool.getActiveCount(), Math::max);
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            if (elapsed >= lastReport + 5) {
                lastReport = elapsed;
                int parked = waits.all(100000).size();
                long jobCount = management.createJobQuery().count();
                String few = jobCount > 0 && jobCount <= 3 ? management.createJobQuery().list().stream()
                        .map(j -> j.getJobHandlerType() + "(lock " + ((org.flowable.job.service.impl.persistence.entity.JobEntity) j).getLockOwner()
                                + " until " + ((org.flowable.job.service.impl.persistence.entity.JobEntity) j).getLockExpirationTime() + ")")
                        .toList().toString() : "";
                System.out.printf("t=%ds parked=%d jobs=%d %s %s%n", elapsed, parked, jobCount, few, jobs);
            }
            if (System.nanoTime() - start > Long.getLong("bench.maxSeconds", 600) * 1_000_000_000L) {

                management.createDeadLetterJobQuery().list().stream().limit(3)
                        .forEach(j -> System.out.println("dead letter: " + j.getExceptionMessage()));
                management.createJobQuery().withException().list().stream().limit(3)
                        .forEach(j -> System.out.println("failing job: " + j.getExceptionMessage()));
                management.createTimerJobQuery().withException().list().stream().limit(3)
                        .forEach(j -> System.out.println("failing timer job: " + j.getExceptionMessage()));
                management.createJobQuery().list().stream().limit(3).forEach(j -> System.out.println("job " + j.getJobHandlerType()
                        + " exclusive=" + j.isExclusive() + " retries=" + j.getRetries() + " lockOwner="
                        + ((org.flowable.job.service.impl.persistence.entity.JobEntity) j).getLockOwner() + " lockExp="
                        + ((org.flowable.job.service.impl.persistence.entity.JobEntity) j).getLockExpirationTime()));
                var locked = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                        .sql("SELECT ID_, LOCK_TIME_, LOCK_OWNER_ FROM ACT_RU_EXECUTION WHERE LOCK_TIME_ IS NOT NULL").query().listOfRows();
                System.out.println("locked executions: " + locked);
                System.out.println("waits=" + app.getBean(io.pveflow.pve.activity.TaskWaits.class).all(1000).size()
                        + " executor active=" + app.getBean("processTaskExecutor", ThreadPoolTaskExecutor.class).getActiveCount());
                System.out.println("jobs=" + management.createJobQuery().count() + " timerJobs="
                        + management.createTimerJobQuery().count() + " deadLetter=" + management.createDeadLetterJobQuery().count());
                throw new IllegalStateException("not finished in time");
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        app.getBean(RuntimeService.class).removeEventListener(jobs);
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        long waitRequests = watcher.requestCount() - watcherBefore;
        System.out.printf("phases: start returned (instances and their jobs created) %.2f s, all parked (every POST done) "
                        + "%.2f s, last task ended in the simulator ~%.2f s (last park + 2 s), all woken (last trigger job done) %.2f s, process ended %.2f s%n",
                startReturned, jobs.lastParkSeconds(start), jobs.lastParkSeconds(start) + 2, jobs.allWokenSeconds(), wall);
        simulatorTasks(sim, start, System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000);
        System.out.println("jobs: " + jobs);
        // The machine is shared: CPU seconds say what the work costs, whatever the wall time under load.
        System.out.printf("cpu: this JVM (server, simulator%s) used %.1f CPU-s in the run (%.1f ms per guest); "
                        + "parking used %.1f CPU-s; machine load average %.1f on %d cores%n",
                postgresRun ? "; not the PostgreSQL server" : ", H2", cpu, cpu * 1000 / guests,
                (jobs.cpuAtLastPark - cpuBefore) / 1e9,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("guests=%d wall=%.1f s (tasks take 2 s) peakBusyEngineThreads=%d (pool max %d) "
                        + "watcherRequests=%d (%.2f per guest) %n",
                guests, wall, peak.get(), pool.getMaxPoolSize(), waitRequests, (double) waitRequests / guests);
        return wall;
    }

    /**
     * Drives async-profiler (put its jar on the class path and name its library in {@code -Dbench.asyncProfiler});
     * a flight recording started mid-run deoptimises the JIT's code and doubles the round, async-profiler does not.
     */
    private static String asyncProfiler(String library, String command) throws Exception {
        Class<?> type = Class.forName("one.profiler.AsyncProfiler");
        Object instance = type.getMethod("getInstance", String.class).invoke(null, library);
        return String.valueOf(type.getMethod("execute", String.class).invoke(instance, command));
    }

    /**
     * When the simulator really started and ended this round's snapshot tasks: a task ends 2 s after its POST plus
     * whatever the simulator (sharing the machine) takes to get round to it, which is not PVEFlow's time.
     */
    private static void simulatorTasks(PveSimulator sim, long startNanos, long startMillis) {
        var tasks = sim.simulation().tasks();
        long lastCreated = 0;
        long lastEnded = 0;
        long longest = 0;
        for (String node : tasks.nodesWithTasks()) {
            for (var task : tasks.tasksOf(node)) {
                if (task.createdAtMillis() >= startMillis && task.upid().type().endsWith("snapshot")) {
                    lastCreated = Math.max(lastCreated, task.createdAtMillis());
                    lastEnded = Math.max(lastEnded, task.endedAtMillis());
                    longest = Math.max(longest, task.endedAtMillis() - task.createdAtMillis());
                }
            }
        }
        System.out.printf("simulator: last snapshot task created at %.2f s, last ended at %.2f s; the longest took %d ms "
                + "from its POST (2000 ms simulated)%n", (lastCreated - startMillis) / 1e3, (lastEnded - startMillis) / 1e3, longest);
    }

    /**
     * H2's statement statistics over the last round ({@code -Dbench.h2QueryStatistics=true}): the statements that
     * took the most time in all, to find the ones the planner gets wrong.
     */
    private static void h2QueryStatistics(ConfigurableApplicationContext app, boolean start) {
        var jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        if (start) {
            jdbc.sql("SET QUERY_STATISTICS FALSE").update();
            jdbc.sql("SET QUERY_STATISTICS_MAX_ENTRIES 500").update();
            jdbc.sql("SET QUERY_STATISTICS TRUE").update();
            return;
        }
        System.out.println("H2 statements by total time (ms total, count, ms average):");
        jdbc.sql("SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME, AVERAGE_EXECUTION_TIME "
                        + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC FETCH FIRST 15 ROWS ONLY")
                .query().listOfRows().forEach(row -> System.out.printf("%8.1f %6s %7.3f  %s%n",
                        ((Number) row.get("CUMULATIVE_EXECUTION_TIME")).doubleValue(), row.get("EXECUTION_COUNT"),
                        ((Number) row.get("AVERAGE_EXECUTION_TIME")).doubleValue(),
                        String.valueOf(row.get("SQL_STATEMENT")).replaceAll("\\s+", " ")
                                .substring(0, Math.min(220, String.valueOf(row.get("SQL_STATEMENT")).replaceAll("\\s+", " ").length()))));
        jdbc.sql("SET QUERY_STATISTICS FALSE").update();
    }

    static boolean postgresRun;
    /** Rounds in one JVM; all but the last warm up the JIT, the connection pools and the caches. */
    static int rounds = 1;
    /** Rounds that only warm up (not in the summary); default: all but the last. */
    static int warmup = -1;
    /** Where to write a flight recording (JFR, "default" settings) of the last round, if anywhere. */
    static Path jfr;

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Counts engine jobs by handler type and outcome, and when the last step parked. */
    private static final class JobCounter extends org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener {
        private final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final AtomicInteger parked = new AtomicInteger();
        final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        volatile long started;
        private volatile long allWoken;
        private volatile long lastPark;
        private volatile long cpuAtLastPark;

        @Override
        public void onEvent(org.flowable.common.engine.api.delegate.event.FlowableEvent event) {
            if (event.getType() == org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.PROCESS_COMPLETED) {
                ended.countDown();
                return;
            }
            if (!(event instanceof org.flowable.common.engine.api.delegate.event.FlowableEntityEvent entityEvent)
                    || !(entityEvent.getEntity() instanceof org.flowable.job.api.Job job)) {
                return;
            }
            String outcome;
            if (event.getType() == org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.JOB_EXECUTION_SUCCESS) {
                outcome = "ok";
                if (!"async-continuation".equals(job.getJobHandlerType()) && !"parallel-multi-instance-complete".equals(job.getJobHandlerType())) {
                    allWoken = System.nanoTime(); // a trigger job: async-trigger or pveflow-trigger-batch
                }
                if ("async-continuation".equals(job.getJobHandlerType())) {
                    parked.incrementAndGet();
                    lastPark = System.nanoTime();
                    cpuAtLastPark = cpuNanos();
                }
            } else {
                Throwable cause = event instanceof org.flowable.common.engine.api.delegate.event.FlowableExceptionEvent e
                        ? e.getCause() : null;
                outcome = cause instanceof org.flowable.common.engine.api.FlowableOptimisticLockingException
                        ? "optimisticLockFailed" : "failed(" + (cause == null ? "?" : cause.getClass().getSimpleName()) + ")";
            }
            counts.computeIfAbsent(job.getJobHandlerType() + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
        }

        int parked() {
            return parked.get();
        }

        /** When the last trigger job (the wake-up of parked instances) ended. */
        double allWokenSeconds() {
            return allWoken == 0 ? -1 : (allWoken - started) / 1e9;
        }

        double lastParkSeconds(long start) {
            return (lastPark - start) / 1e9;
        }

        @Override
        public boolean isFailOnException() {
            return false;
        }

        /** After commit: the phases are what others can see, and the run's end is its last commit, not its last event. */
        JobCounter() {
            setOnTransaction(org.flowable.common.engine.impl.cfg.TransactionState.COMMITTED.name());
        }

        @Override
        public String toString() {
            return counts.toString();
        }
    }
}
