package io.pveflow.server.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.pveflow.server.clusters.ClusterRequest;
import io.pveflow.server.clusters.ClusterService;
import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.NotFoundException;
import io.pveflow.sim.PveSimulator;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.TokenSpec;

/**
 * The embedded default's demo cluster: a simulated Proxmox VE cluster (3 nodes, about 20 guests, storage,
 * HA, replication) served in-process on a loopback port and registered as cluster {@code demo}, labelled
 * as simulated, so a newcomer's first run touches something that looks like a real cluster. Each start uses a
 * fresh port, token secret and certificate. {@code PVEFLOW_DEMO=false} turns it off and removes the
 * registration (unless runs of it are still in progress).
 */
@Component
class DemoCluster implements InitializingBean, DisposableBean {

    static final String ID = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoCluster.class);
    /** A root token without privilege separation, as many automation setups use; the secret is new every start. */
    private static final String TOKEN_ID = "root@pam!pveflow-demo";

    private final ClusterService clusters;
    private final boolean enabled;
    private final long taskMillis;
    private PveSimulator simulator;

    DemoCluster(ClusterService clusters, @Value("${pveflow.demo.enabled:true}") boolean enabled,
                @Value("${pveflow.demo.task-millis:0}") long taskMillis) {
        this.clusters = clusters;
        this.enabled = enabled;
        this.taskMillis = taskMillis;
    }

    @Override
    public void afterPropertiesSet() {
        if (!enabled) {
            retire();
            return;
        }
        String secret = randomSecret();
        ClusterSpec spec = ClusterSpec.demo().withToken(new TokenSpec(TOKEN_ID, secret, false, List.of()));
        if (taskMillis > 0) {
            // Shorter simulated tasks (tests); the demo's own durations are seconds, long enough to watch.
            spec = spec.withTimings(spec.timings().withTaskMillis(taskMillis).withHaDelayMillis(taskMillis));
        }
        simulator = PveSimulator.builder().cluster(spec).host("127.0.0.1").port(0).start();
        try {
            clusters.registerSimulated(new ClusterRequest(ID, "Demo cluster (simulated)",
                    List.of(simulator.baseUrl()), TOKEN_ID, secret,
                    new ClusterRequest.Tls("fingerprint", simulator.fingerprint(), null)));
            log.info("Demo cluster '{}' (simulated Proxmox VE, {} nodes) at {}; set PVEFLOW_DEMO=false to turn it off",
                    ID, spec.nodes().size(), simulator.baseUrl());
        } catch (ConflictException realClusterNamedDemo) {
            log.warn("Not starting the demo cluster: {}", realClusterNamedDemo.getMessage());
            destroy();
        }
    }

    /** The running simulator, or null when the demo is off. */
    PveSimulator simulator() {
        return simulator;
    }

    @Override
    public void destroy() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    private void retire() {
        try {
            if (clusters.get(ID).simulated()) {
                clusters.delete(ID);
                log.info("Demo cluster removed (PVEFLOW_DEMO=false)");
            }
        } catch (NotFoundException nothingToRemove) {
            // never registered, or already removed
        } catch (ConflictException runsInProgress) {
            log.warn("Demo cluster kept although the demo is off: {}", runsInProgress.getMessage());
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
