package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pveflow.pve.client.ClusterApi.ResourceType;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.TaskStatus;
import io.pveflow.pve.client.model.TaskSummary;
import io.pveflow.pve.client.testing.RecordTestNames;
import io.pveflow.pve.client.testing.TestClusters;
import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.ClusterGenerator;
import io.pveflow.sim.spec.Timings;

/**
 * 1,000 guests started or stopped at once through one client (32 caller threads, loopback only), then watched
 * the way the task watcher will: one task-list request per node per round. Every task must be accounted for.
 * Timings are printed, not asserted.
 */
@ExtendWith(RecordTestNames.class)
class LoadTest {

    static final int CALLERS = 32;

    @Test
    void aThousandConcurrentPowerTasksAllReachAFinalStatus() throws Exception {
        try (PveSimulator sim = PveSimulator.builder().cluster(ClusterGenerator.generate(4, 1002, 11L))
                .timings(Timings.fast().withTaskMillis(100)).port(0).workerThreads(64).start()) {
            PveClient pve = TestClusters.client(sim, b -> b.apiToken("root@pam!bench", "bench-secret"));
            List<ClusterResource> guests = pve.cluster().resources(ResourceType.VM).stream()
                    .filter(g -> !g.isTemplate()).toList();
            assertThat(guests).hasSize(1000);
            Set<Integer> wereRunning = guests.stream().filter(g -> "running".equals(g.status()))
                    .map(ClusterResource::vmid).collect(Collectors.toSet());

            Instant since = Instant.now().minusSeconds(5);
            Map<String, ClusterResource> byUpid = new ConcurrentHashMap<>();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            long t0 = System.nanoTime();
            try {
                List<Future<?>> submitted = new ArrayList<>();
                for (ClusterResource g : guests) {
                    submitted.add(callers.submit(() -> {
                        Upid upid = wereRunning.contains(g.vmid()) ? pve.guests().stop(g.guest())
                                : pve.guests().start(g.guest());
                        byUpid.put(upid.value(), g);
                    }));
                }
                for (Future<?> f : submitted) {
                    f.get();
                }
            } finally {
                callers.shutdown();
            }
            long submittedNanos = System.nanoTime() - t0;
            assertThat(byUpid).hasSize(1000);

            // watch: one list request per node and round, until every UPID is seen ended
            Map<String, TaskSummary> ended = new ConcurrentHashMap<>();
            int rounds = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (ended.size() < byUpid.size() && System.nanoTime() < deadline) {
                rounds++;
                for (int n = 1; n <= 4; n++) {
                    for (TaskSummary t : pve.tasks().list("pve" + n, new Tasks.ListOptions()
                            .source(Tasks.ListOptions.Source.ALL).since(since).limit(5000))) {
                        if (byUpid.containsKey(t.upid()) && !t.isRunning()) {
                            ended.put(t.upid(), t);
                        }
                    }
                }
                if (ended.size() < byUpid.size()) {
                    Thread.sleep(200);
                }
            }
            long watchedNanos = System.nanoTime() - t0 - submittedNanos;

            assertThat(ended).hasSize(1000);
            assertThat(ended.values()).allSatisfy(t -> assertThat(t.isSuccess()).as(t.upid() + " " + t.status())
                    .isTrue());
            long starts = byUpid.keySet().stream().map(Upid::parse)
                    .filter(u -> u.type().endsWith("start")).count();
            assertThat(starts).isEqualTo(1000 - wereRunning.size());

            // and each one's own status agrees
            ExecutorService checkers = Executors.newFixedThreadPool(CALLERS);
            try {
                List<Future<TaskStatus>> statuses = new ArrayList<>();
                for (String upid : byUpid.keySet()) {
                    statuses.add(checkers.submit(() -> pve.tasks().status(Upid.parse(upid))));
                }
                for (Future<TaskStatus> s : statuses) {
                    assertThat(s.get().isSuccess()).isTrue();
                }
            } finally {
                checkers.shutdown();
            }

            System.out.printf("LOAD: 1000 power tasks (%d starts, %d stops) with %d callers: submitted in %d ms "
                    + "(%.0f calls/s), all ended after %d more ms in %d watch rounds (4 list requests each)%n",
                    starts, 1000 - starts, CALLERS, submittedNanos / 1_000_000,
                    1000 / (submittedNanos / 1e9), watchedNanos / 1_000_000, rounds);
        }
    }
}
