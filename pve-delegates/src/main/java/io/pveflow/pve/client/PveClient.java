package io.pveflow.pve.client;

import java.time.Clock;
import java.time.Duration;

import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.TaskStatus;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The Proxmox VE API of one cluster, grouped by what it is about. Thread-safe; calls are synchronous and never
 * wait for tasks (they return the task's {@link Upid}). Every failure is a {@link PveApiException}. Made by
 * {@link PveClients#newClient}.
 */
public final class PveClient {

    private final PveClusterConfig config;
    private final ClusterApi cluster;
    private final Nodes nodes;
    private final Guests guests;
    private final Snapshots snapshots;
    private final Backups backups;
    private final Storage storage;
    private final Ha ha;
    private final Replication replication;
    private final Tasks tasks;

    PveClient(PveClusterConfig config, OkHttpClient http, HttpUrl base, Clock clock) {
        this.config = config;
        PveTransport transport = new PveTransport(http, base);
        this.cluster = new ClusterApi(transport);
        this.nodes = new Nodes(transport);
        this.guests = new Guests(transport);
        this.snapshots = new Snapshots(transport);
        this.backups = new Backups(transport);
        this.storage = new Storage(transport);
        this.ha = new Ha(transport);
        this.replication = new Replication(transport);
        this.tasks = new Tasks(transport, clock);
    }

    public ClusterApi cluster() {
        return cluster;
    }

    public Nodes nodes() {
        return nodes;
    }

    public Guests guests() {
        return guests;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    public Backups backups() {
        return backups;
    }

    public Storage storage() {
        return storage;
    }

    public Ha ha() {
        return ha;
    }

    public Replication replication() {
        return replication;
    }

    public Tasks tasks() {
        return tasks;
    }

    /** Polls a task until it ends; for tests and tools (see {@link Tasks#waitFor}). */
    public TaskStatus waitForTask(Upid upid, Duration timeout) {
        return tasks.waitFor(upid, timeout);
    }

    public PveClusterConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "PveClient[" + config.name() + "]";
    }
}
