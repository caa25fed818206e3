package io.pveflow.sim.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.ClusterGenerator;
import io.pveflow.sim.spec.ClusterSpec;

/**
 * Measures list-call latency on a generated 32-node, 5,000-guest cluster and prints the figures. Not a test
 * (surefire skips this package); run it with
 * {@code mvn -q -pl pve-sim test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pveflow.sim.bench.ListLatencyBench}. Arguments: nodes guests requests concurrency.
 */
public final class ListLatencyBench {

    private ListLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int guests = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        long t0 = System.nanoTime();
        ClusterSpec spec = ClusterGenerator.generate(nodes, guests, 1L);
        try (PveSimulator sim = PveSimulator.builder().cluster(spec).port(0).start()) {
            System.out.printf(Locale.ROOT, "started %d nodes / %d guests in %.0f ms (%d cores, java %s)%n", nodes,
                    guests, (System.nanoTime() - t0) / 1e6, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            HttpClient client = HttpClient.newBuilder().sslContext(sim.clientSslContext())
                    .version(HttpClient.Version.HTTP_1_1).build();
            String auth = "PVEAPIToken=root@pam!bench=bench-secret";
            String[] paths = {"/cluster/resources", "/cluster/resources?type=vm", "/nodes/pve1/qemu",
                    "/nodes/pve1/lxc", "/nodes", "/nodes/pve1/tasks?source=all"};
            System.out.printf(Locale.ROOT, "%-32s %6s %9s %8s %8s %8s %8s %9s%n", "path", "conc", "bytes", "p50 ms",
                    "p95 ms", "p99 ms", "max ms", "req/s");
            for (String path : paths) {
                for (int c : new int[] {1, concurrency}) {
                    run(client, sim.apiUrl() + path, auth, Math.max(20, requests / 4), c); // warm-up
                    Result r = run(client, sim.apiUrl() + path, auth, requests, c);
                    System.out.printf(Locale.ROOT, "%-32s %6d %9d %8.2f %8.2f %8.2f %8.2f %9.1f%n", path, c, r.bytes,
                            r.percentile(50), r.percentile(95), r.percentile(99), r.percentile(100), r.throughput);
                }
            }
        }
    }

    private record Result(List<Double> millis, long bytes, double throughput) {
        double percentile(int p) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
            return sorted.get(Math.max(0, index));
        }
    }

    private static Result run(HttpClient client, String url, String auth, int requests, int concurrency)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).GET().build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        long[] bytes = new long[1];
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    millis.add((System.nanoTime() - t) / 1e6);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + response.statusCode());
                    }
                    bytes[0] = response.body().length;
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(millis, bytes[0], requests / seconds);
    }
}
