package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.obj;
import static io.pveflow.sim.api.Json.round;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.Metrics;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.state.StoragePool;

/**
 * RRD series: 70 points per timeframe, as PVE's rrdcached answers, computed from {@link Metrics} so the same
 * moment always has the same value and a day has a daily shape.
 */
final class Rrd {

    private static final int POINTS = 70;

    private Rrd() {
    }

    static long step(String timeframe) {
        return switch (timeframe) {
            case "hour" -> 60;
            case "day" -> 1_800;
            case "week" -> 10_800;
            case "month" -> 43_200;
            case "year" -> 604_800;
            default -> 6_048_000; // decade
        };
    }

    private static List<Long> times(String timeframe) {
        long step = step(timeframe);
        long last = Cluster.now() / step * step;
        List<Long> times = new ArrayList<>();
        for (int i = POINTS - 1; i >= 0; i--) {
            times.add(last - i * step);
        }
        return times;
    }

    private static double peak(String cf, double v) {
        return cf.equals("MAX") ? Math.min(1.0, v * 1.25) : v;
    }

    static List<Map<String, Object>> guest(Guest g, String timeframe, String cf) {
        List<Map<String, Object>> out = new ArrayList<>();
        double step = step(timeframe);
        for (long t : times(timeframe)) {
            double load = peak(cf, Metrics.load(g.vmid(), t));
            double mem = peak(cf, 0.25 + 0.5 * Metrics.load(g.vmid() + 7, t));
            out.add(obj("time", t, "cpu", round(load * 0.6, 6), "maxcpu", g.cores(),
                    "mem", round(g.memoryBytes() * mem, 2), "maxmem", g.memoryBytes(),
                    "disk", 0, "maxdisk", Views.rootSize(g),
                    "netin", round(2e5 * load, 2), "netout", round(1e5 * load, 2),
                    "diskread", round(5e5 * load * (step / 60), 2), "diskwrite", round(8e5 * load * (step / 60), 2)));
        }
        return out;
    }

    static List<Map<String, Object>> node(Node n, String timeframe, String cf) {
        List<Map<String, Object>> out = new ArrayList<>();
        long seed = n.nodeId() * 1000L;
        for (long t : times(timeframe)) {
            double load = peak(cf, Metrics.load(seed, t));
            double mem = peak(cf, 0.3 + 0.3 * Metrics.load(seed + 1, t));
            out.add(obj("time", t, "cpu", round(0.02 + load * 0.5, 6), "iowait", round(load * 0.02, 6),
                    "loadavg", round(load * n.cpus() * 0.5, 2), "maxcpu", n.cpus(),
                    "memtotal", n.memoryBytes(), "memused", round(n.memoryBytes() * mem, 2),
                    "swaptotal", 8L << 30, "swapused", round((8L << 30) * 0.01 * load, 2),
                    "roottotal", n.rootfsBytes(), "rootused", round(n.rootfsBytes() * 0.2, 2),
                    "netin", round(5e6 * load, 2), "netout", round(3e6 * load, 2)));
        }
        return out;
    }

    static List<Map<String, Object>> storage(StoragePool pool, String timeframe) {
        List<Map<String, Object>> out = new ArrayList<>();
        long used = pool.used();
        List<Long> times = times(timeframe);
        for (int i = 0; i < times.size(); i++) {
            // usage grew slowly towards today's value
            double factor = 0.9 + 0.1 * i / (times.size() - 1);
            out.add(obj("time", times.get(i), "total", pool.total(), "used", Math.round(used * factor)));
        }
        return out;
    }
}
