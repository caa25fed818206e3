package io.pveflow.sim.api;

import java.util.HashMap;
import java.util.Map;

import io.pveflow.sim.auth.AccessControl;
import io.pveflow.sim.faults.Faults;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.Timings;
import io.pveflow.sim.state.Cluster;
import io.pveflow.sim.tasks.TaskManager;
import io.pveflow.sim.tls.ClusterPki;

/**
 * Everything one simulated cluster is made of, wired together: state, tasks, access control, faults,
 * certificates, and the handler for every endpoint of {@link ApiDefinitions}.
 */
public final class Simulation implements AutoCloseable {

    final ClusterSpec spec;
    final Timings timings;
    final Cluster cluster;
    final TaskManager tasks;
    final AccessControl access;
    final Faults faults;
    final ClusterPki pki;
    final HaManager ha;
    final GuestWorkers workers;
    private final Map<String, EndpointHandler> handlers = new HashMap<>();
    private volatile String localNode;

    public Simulation(ClusterSpec spec, ClusterPki pki) {
        this.spec = spec;
        this.timings = spec.timings();
        this.pki = pki;
        this.cluster = Cluster.from(spec);
        this.localNode = cluster.nodes().iterator().next().name();
        this.tasks = new TaskManager(cluster, timings::taskDuration);
        this.access = new AccessControl(spec);
        this.faults = new Faults(cluster);
        this.tasks.faults(faults);
        this.workers = new GuestWorkers(this);
        this.ha = new HaManager(this);
        new ClusterApi(this).register(handlers);
        new NodeApi(this).register(handlers);
        new GuestApi(this).register(handlers);
        new SnapshotApi(this).register(handlers);
        new BackupApi(this).register(handlers);
        new StorageApi(this).register(handlers);
        new HaApi(this).register(handlers);
        new ReplicationApi(this).register(handlers);
        new TaskApi(this).register(handlers);
        for (Endpoint e : ApiDefinitions.all()) {
            if (!handlers.containsKey(e.key())) {
                throw new IllegalStateException("no handler for " + e.key());
            }
        }
        faults.apply(spec.faults());
    }

    public EndpointHandler handler(Endpoint endpoint) {
        return handlers.get(endpoint.key());
    }

    /** The node this endpoint plays (its certificate is served; {@code local} in /cluster/status). */
    public String localNode() {
        return localNode;
    }

    public void localNode(String node) {
        if (cluster.read(() -> cluster.node(node)) == null) {
            throw new IllegalArgumentException("no such node " + node);
        }
        this.localNode = node;
    }

    public Cluster cluster() {
        return cluster;
    }

    public TaskManager tasks() {
        return tasks;
    }

    public AccessControl access() {
        return access;
    }

    public Faults faults() {
        return faults;
    }

    public ClusterPki pki() {
        return pki;
    }

    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        tasks.close();
    }
}
