package io.pveflow.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.pveflow.sim.spec.ClusterGenerator;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.TokenSpec;

/**
 * Standalone entry point:
 * {@code java -jar pve-sim-VERSION-exec.jar [--config cluster.yaml|demo] [--generate 32x5000] [--port 8006]
 * [--host 127.0.0.1] [--node pve1] [--admin-token T] [--task-ms N] [--ca-out pve-root-ca.pem]}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        String config = "demo";
        String generate = null;
        int port = 8006;
        String host = "127.0.0.1";
        String node = null;
        String adminToken = null;
        Long taskMillis = null;
        Path caOut = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--config" -> config = next(a, v, i++);
                case "--generate" -> generate = next(a, v, i++);
                case "--port" -> port = Integer.parseInt(next(a, v, i++));
                case "--host" -> host = next(a, v, i++);
                case "--node" -> node = next(a, v, i++);
                case "--admin-token" -> adminToken = next(a, v, i++);
                case "--task-ms" -> taskMillis = Long.parseLong(next(a, v, i++));
                case "--ca-out" -> caOut = Path.of(next(a, v, i++));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown option " + a);
                    usage();
                    System.exit(2);
                }
            }
        }
        ClusterSpec spec;
        if (generate != null) {
            String[] size = generate.toLowerCase().split("x");
            spec = ClusterGenerator.generate(Integer.parseInt(size[0]), Integer.parseInt(size[1]), 1L);
        } else {
            spec = config.equals("demo") ? ClusterSpec.demo() : ClusterSpec.load(Path.of(config));
        }
        if (taskMillis != null) {
            spec = spec.withTimings(spec.timings().withTaskMillis(taskMillis));
        }
        PveSimulator sim = PveSimulator.builder().cluster(spec).host(host).port(port).servedNode(node)
                .adminToken(adminToken).start();
        if (caOut != null) {
            Files.writeString(caOut, sim.caPem());
        }
        System.out.println("pve-sim: cluster '" + spec.name() + "' (" + spec.nodes().size() + " nodes, "
                + spec.guests().size() + " guests) at " + sim.apiUrl());
        System.out.println("pve-sim: node " + sim.servedNode() + " certificate fingerprint " + sim.fingerprint());
        System.out.println("pve-sim: admin endpoint " + sim.baseUrl() + "/_sim/faults (Authorization: Bearer "
                + sim.adminToken() + ")");
        for (TokenSpec token : spec.tokens()) {
            System.out.println("pve-sim: API token " + token.id() + " = " + token.secret());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String next(String option, String value, int index) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static void usage() {
        System.out.println("usage: java -jar pve-sim-exec.jar [--config FILE|demo] [--generate NODESxGUESTS] "
                + "[--port 8006] [--host 127.0.0.1] [--node pve1] [--admin-token TOKEN] [--task-ms MILLIS] "
                + "[--ca-out FILE]");
    }
}
