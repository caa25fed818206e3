package io.pveflow.server.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.flowable.engine.HistoryService;
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
 * per guest on waiting. Run: {@code mvn -pl pve-delegates,server -DskipUi test-compile} then
 * {@code java -cp <test classpath> io.pveflow.server.bench.SnapshotFanOutBench [guests]}.
 */
public final class SnapshotFanOutBench {

    private SnapshotFanOutBench() {
    }

    public static void main(String[] args) throws Exception {
        int guests = 500;
        boolean postgres = false;
        for (String arg : args) {
            if (arg.equals("--postgres")) {
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
                    "--pveflow.admin-password=bench-admin-password", "--pveflow.tasks.poll-interval=PT1S",
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
                run(app, sim, spec, guests);
            } finally {
                app.close();
                if (schema != null) {
                    io.pveflow.server.testing.PostgresForTests.dropSchema(schema);
                }
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, PveSimulator sim, ClusterSpec spec, int guests) throws Exception {
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
                        <flowable:field name="snapname"><flowable:string>bench1</flowable:string></flowable:field>
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
        // As a designer would pass them from an inventory step: node and type known, no lookup per guest.
        List<Map<String, Object>> guestList = spec.guests().stream().limit(guests)
                .map(g -> Map.<String, Object>of("vmid", g.vmid(), "node", g.node(), "type", g.type())).toList();
        ThreadPoolTaskExecutor pool = app.getBean("processTaskExecutor", ThreadPoolTaskExecutor.class);
        TaskWatcher watcher = app.getBean(TaskWatcher.class);
        HistoryService history = app.getBean(HistoryService.class);
        AtomicInteger peak = new AtomicInteger();
        JobCounter jobs = new JobCounter();
        app.getBean(RuntimeService.class).addEventListener(jobs,
                org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.JOB_EXECUTION_SUCCESS,
                org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.JOB_EXECUTION_FAILURE);
        long watcherBefore = watcher.requestCount();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        String id = app.getBean(RuntimeService.class).startProcessInstanceByKeyAndTenantId("fanOut",
                Map.of("guests", guestList), "bench").getId();
        var waits = app.getBean(io.pveflow.pve.activity.TaskWaits.class);
        var management = app.getBean(org.flowable.engine.ManagementService.class);
        long lastReport = 0;
        double allWoken = -1;
        while (history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 0) {
            peak.accumulateAndGet(pool.getActiveCount(), Math::max);
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            int parked = waits.all(100000).size();
            if (allWoken < 0 && jobs.parked() == guests && parked == 0) {
                allWoken = (System.nanoTime() - start) / 1e9;
            }
            if (elapsed >= lastReport + 5) {
                lastReport = elapsed;
                long jobCount = management.createJobQuery().count();
                String few = jobCount > 0 && jobCount <= 3 ? management.createJobQuery().list().stream()
                        .map(j -> j.getJobHandlerType() + "(lock " + ((org.flowable.job.service.impl.persistence.entity.JobEntity) j).getLockOwner()
                                + " until " + ((org.flowable.job.service.impl.persistence.entity.JobEntity) j).getLockExpirationTime() + ")")
                        .toList().toString() : "";
                System.out.printf("t=%ds parked=%d jobs=%d %s %s%n", elapsed, parked, jobCount, few, jobs);
            }
            Thread.sleep(20);
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
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        long waitRequests = watcher.requestCount() - watcherBefore;
        System.out.printf("phases: all parked (every POST done) %.1f s, last task ended in the simulator ~%.1f s "
                        + "(last park + 2 s), all woken %.1f s, process ended %.1f s%n",
                jobs.lastParkSeconds(start), jobs.lastParkSeconds(start) + 2, allWoken, wall);
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
    }

    static boolean postgresRun;

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Counts engine jobs by handler type and outcome, and when the last step parked. */
    private static final class JobCounter implements org.flowable.common.engine.api.delegate.event.FlowableEventListener {
        private final Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final AtomicInteger parked = new AtomicInteger();
        private volatile long lastPark;
        private volatile long cpuAtLastPark;

        @Override
        public void onEvent(org.flowable.common.engine.api.delegate.event.FlowableEvent event) {
            if (!(event instanceof org.flowable.common.engine.api.delegate.event.FlowableEntityEvent entityEvent)
                    || !(entityEvent.getEntity() instanceof org.flowable.job.api.Job job)) {
                return;
            }
            String outcome;
            if (event.getType() == org.flowable.common.engine.api.delegate.event.FlowableEngineEventType.JOB_EXECUTION_SUCCESS) {
                outcome = "ok";
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

        double lastParkSeconds(long start) {
            return (lastPark - start) / 1e9;
        }

        @Override
        public boolean isFailOnException() {
            return false;
        }

        @Override
        public boolean isFireOnTransactionLifecycleEvent() {
            return false;
        }

        @Override
        public String getOnTransaction() {
            return null;
        }

        @Override
        public String toString() {
            return counts.toString();
        }
    }
}
