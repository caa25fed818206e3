package io.pveflow.sim.api;

import static io.pveflow.sim.api.Json.obj;
import static io.pveflow.sim.api.Json.round;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.state.Guest;
import io.pveflow.sim.state.Metrics;
import io.pveflow.sim.state.Node;
import io.pveflow.sim.tls.NodeCertificate;

/** Nodes: list, status, shutdown/reboot, RRD and certificate info. */
final class NodeApi {

    private final Simulation sim;
    private final Cluster cluster;

    NodeApi(Simulation sim) {
        this.sim = sim;
        this.cluster = sim.cluster;
    }

    void register(Map<String, EndpointHandler> h) {
        h.put("GET /nodes", this::list);
        h.put("GET /nodes/{node}/status", this::status);
        h.put("POST /nodes/{node}/status", this::command);
        h.put("GET /nodes/{node}/rrddata", this::rrd);
        h.put("GET /nodes/{node}/certificates/info", this::certificates);
    }

    private Object list(Call c) {
        long now = Cluster.now();
        return cluster.read(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Node n : cluster.nodes()) {
                Map<String, Object> e = Views.node(n, sim.pki.node(n.name()).fingerprint(), now, false);
                e.remove("type");
                out.add(e);
            }
            return out;
        });
    }

    private Object status(Call c) {
        long now = Cluster.now();
        return cluster.read(() -> {
            Node n = cluster.node(c.node());
            double load = Metrics.load(n.nodeId() * 1000L, now);
            long memUsed = Views.nodeMem(n, now);
            long rootUsed = n.rootfsBytes() / 5;
            String la = String.format(Locale.ROOT, "%.2f", load * n.cpus() * 0.5);
            return obj(
                    "uptime", n.uptime(now),
                    "cpu", Views.nodeCpu(n, now),
                    "wait", round(load * 0.01, 6),
                    "idle", 0,
                    "loadavg", Arrays.asList(la, la, la),
                    "cpuinfo", obj("cpus", n.cpus(), "cores", Math.max(1, n.cpus() / 2), "sockets", 1,
                            "model", "AMD EPYC 7302P 16-Core Processor", "mhz", "3000.000", "hvm", "1",
                            "flags", "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr", "user_hz", 100),
                    "memory", obj("total", n.memoryBytes(), "used", memUsed, "free", n.memoryBytes() - memUsed,
                            "available", n.memoryBytes() - memUsed),
                    "swap", obj("total", 8L << 30, "used", 0, "free", 8L << 30),
                    "rootfs", obj("total", n.rootfsBytes(), "used", rootUsed, "free", n.rootfsBytes() - rootUsed,
                            "avail", n.rootfsBytes() - rootUsed),
                    "ksm", obj("shared", 0),
                    "pveversion", "pve-manager/" + cluster.version() + "/" + repoid(cluster.version()),
                    "kversion", "Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1 x86_64",
                    "current-kernel", obj("sysname", "Linux", "release", "6.17.2-1-pve",
                            "version", "#1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1", "machine", "x86_64"),
                    "boot-info", obj("mode", "efi", "secureboot", 0));
        });
    }

    static String repoid(String version) {
        return String.format("%08x", version.hashCode()).substring(0, 8);
    }

    /** Shutdown or reboot: answers null at once, the host acts a little later (~2 s in PVE). */
    private Object command(Call c) {
        String node = c.node();
        boolean reboot = c.params().string("command").equals("reboot");
        sim.tasks.later(Duration.ofMillis(sim.timings.nodeActionDelayMillis()), () -> {
            List<String> haGuests = new ArrayList<>();
            cluster.write(() -> {
                Node n = cluster.node(node);
                n.setOnline(false, Cluster.now());
                for (Guest g : cluster.guestsOn(node)) {
                    g.stop();
                }
            });
            if (reboot) {
                sim.tasks.later(Duration.ofMillis(sim.timings.nodeRebootMillis()), () -> {
                    cluster.write(() -> {
                        long now = Cluster.now();
                        cluster.node(node).setOnline(true, now);
                        for (Guest g : cluster.guestsOn(node)) {
                            if (cluster.haFor(g) != null) {
                                haGuests.add(g.haSid());
                            } else if (g.onboot() && !g.template()) {
                                g.start(now);
                            }
                        }
                    });
                    haGuests.forEach(sim.ha::reconcileLater);
                });
            }
        });
        return null;
    }

    private Object rrd(Call c) {
        Node n = cluster.read(() -> cluster.node(c.node()));
        return Rrd.node(n, c.params().string("timeframe"), c.params().string("cf", "AVERAGE"));
    }

    private Object certificates(Call c) {
        NodeCertificate cert = sim.pki.node(c.node());
        X509Certificate ca = sim.pki.caCertificate();
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(obj("filename", "pve-root-ca.pem", "fingerprint", io.pveflow.sim.tls.Fingerprints.sha256(ca),
                "subject", oneline(ca.getSubjectX500Principal().getName()),
                "issuer", oneline(ca.getIssuerX500Principal().getName()),
                "notbefore", ca.getNotBefore().getTime() / 1000, "notafter", ca.getNotAfter().getTime() / 1000,
                "pem", sim.pki.caPem(), "public-key-type", cert.publicKeyType(), "public-key-bits",
                cert.publicKeyBits()));
        X509Certificate x = cert.certificate();
        out.add(obj("filename", "pve-ssl.pem", "fingerprint", cert.fingerprint(),
                "subject", oneline(x.getSubjectX500Principal().getName()),
                "issuer", oneline(x.getIssuerX500Principal().getName()),
                "notbefore", x.getNotBefore().getTime() / 1000, "notafter", x.getNotAfter().getTime() / 1000,
                "pem", cert.pem(), "public-key-type", cert.publicKeyType(), "public-key-bits", cert.publicKeyBits(),
                "san", cert.subjectAlternativeNames()));
        return out;
    }

    /** RFC 2253 {@code O=x,OU=y,CN=z} to OpenSSL's {@code /CN=z/OU=y/O=x}, as PVE prints names. */
    private static String oneline(String rfc2253) {
        List<String> parts = new ArrayList<>(Arrays.asList(rfc2253.split(",")));
        Collections.reverse(parts);
        return "/" + String.join("/", parts);
    }
}
