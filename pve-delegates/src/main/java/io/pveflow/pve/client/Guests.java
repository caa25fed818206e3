package io.pveflow.pve.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pveflow.pve.client.http.ApiResponse;
import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.GuestConfig;
import io.pveflow.pve.client.model.GuestStatus;
import io.pveflow.pve.client.model.GuestSummary;
import io.pveflow.pve.client.model.MigrationCheck;
import io.pveflow.pve.client.model.RrdPoint;

/**
 * Virtual machines and containers: listing, configuration, status, power actions, migration, cloning,
 * templates and disk resize. Asynchronous actions return the task's {@link Upid}; wait for it with
 * {@link Tasks}. Where Proxmox has one path per kind, {@link GuestRef#type()} picks it.
 */
public final class Guests {

    private final PveTransport t;

    Guests(PveTransport transport) {
        this.t = transport;
    }

    /** The guests of one kind on a node ({@code GET /nodes/{node}/qemu|lxc}). */
    public List<GuestSummary> list(String node, GuestType type) {
        return t.convertList(t.call("GET", "/nodes/{node}/" + type.path(), Calls.params("node", node)).data(),
                GuestSummary.class);
    }

    public GuestConfig config(GuestRef guest) {
        return config(guest, false, null);
    }

    /**
     * @param current the running values instead of pending changes
     * @param snapshot a snapshot's configuration instead of the live one (null for live)
     */
    public GuestConfig config(GuestRef guest, boolean current, String snapshot) {
        ApiResponse r = t.call("GET", base(guest) + "/config",
                Calls.params("node", guest.node(), "vmid", guest.vmid(), "current", current ? true : null,
                        "snapshot", snapshot));
        return new GuestConfig(t.convert(r.data(), Map.class));
    }

    public GuestStatus status(GuestRef guest) {
        return t.convert(t.call("GET", base(guest) + "/status/current", at(guest)).data(), GuestStatus.class);
    }

    public List<RrdPoint> rrd(GuestRef guest, Timeframe timeframe, Consolidation cf) {
        return Rrd.points(t, t.call("GET", base(guest) + "/rrddata", Calls.params("node", guest.node(), "vmid",
                guest.vmid(), "timeframe", timeframe.value(), "cf", cf == null ? null : cf.name())));
    }

    // --- power -----------------------------------------------------------------------------------------

    public Upid start(GuestRef guest) {
        return power(guest, "start", null);
    }

    public Upid start(GuestRef guest, PowerOptions options) {
        return power(guest, "start", options);
    }

    /** Hard stop (pulls the plug); see {@link #shutdown} for a clean one. */
    public Upid stop(GuestRef guest) {
        return power(guest, "stop", null);
    }

    public Upid stop(GuestRef guest, PowerOptions options) {
        return power(guest, "stop", options);
    }

    public Upid shutdown(GuestRef guest) {
        return power(guest, "shutdown", null);
    }

    public Upid shutdown(GuestRef guest, PowerOptions options) {
        return power(guest, "shutdown", options);
    }

    public Upid reboot(GuestRef guest) {
        return power(guest, "reboot", null);
    }

    public Upid reboot(GuestRef guest, PowerOptions options) {
        return power(guest, "reboot", options);
    }

    /** VMs only (a container has no reset). */
    public Upid reset(GuestRef guest) {
        return power(guest, "reset", null);
    }

    public Upid suspend(GuestRef guest) {
        return power(guest, "suspend", null);
    }

    public Upid suspend(GuestRef guest, PowerOptions options) {
        return power(guest, "suspend", options);
    }

    public Upid resume(GuestRef guest) {
        return power(guest, "resume", null);
    }

    public Upid resume(GuestRef guest, PowerOptions options) {
        return power(guest, "resume", options);
    }

    private Upid power(GuestRef guest, String action, PowerOptions options) {
        String path = base(guest) + "/status/" + action;
        return Calls.upid(t.call("POST", path, Calls.params(options, "node", guest.node(), "vmid", guest.vmid())),
                guest + " " + action);
    }

    // --- migration, clone, template, resize --------------------------------------------------------------

    /** Whether and where a VM may migrate ({@code GET .../qemu/{vmid}/migrate}; VMs only). */
    public MigrationCheck migrationCheck(GuestRef guest, String target) {
        requireQemu(guest, "a migration check");
        return t.convert(t.call("GET", base(guest) + "/migrate", Calls.params("node", guest.node(), "vmid",
                guest.vmid(), "target", target)).data(), MigrationCheck.class);
    }

    public Upid migrate(GuestRef guest, String target, MigrateOptions options) {
        return Calls.upid(t.call("POST", base(guest) + "/migrate",
                Calls.params(options, "node", guest.node(), "vmid", guest.vmid(), "target", target)),
                guest + " migrate");
    }

    public Upid clone(GuestRef source, int newId, CloneOptions options) {
        return Calls.upid(t.call("POST", base(source) + "/clone",
                Calls.params(options, "node", source.node(), "vmid", source.vmid(), "newid", newId)),
                source + " clone");
    }

    /**
     * Converts a guest to a template. A VM answers a task; a container answers nothing although a worker still
     * runs (Proxmox drops its UPID), hence the Optional.
     */
    public Optional<Upid> template(GuestRef guest) {
        return template(guest, null);
    }

    /** @param disk VMs only: convert just this disk (e.g. {@code scsi0}) to a base image; null for all */
    public Optional<Upid> template(GuestRef guest, String disk) {
        return Calls.optionalUpid(t.call("POST", base(guest) + "/template", Calls.params("node", guest.node(),
                "vmid", guest.vmid(), "disk", disk)), guest + " template");
    }

    /**
     * Grows a disk ({@code size} {@code +10G} to add, {@code 50G} for an absolute size; shrinking fails).
     * Answers a task since qemu-server 8.0; older versions answer nothing.
     */
    public Optional<Upid> resize(GuestRef guest, String disk, String size, String digest) {
        return Calls.optionalUpid(t.call("PUT", base(guest) + "/resize", Calls.params("node", guest.node(), "vmid",
                guest.vmid(), "disk", disk, "size", size, "digest", digest)), guest + " resize");
    }

    static String base(GuestRef guest) {
        return "/nodes/{node}/" + guest.type().path() + "/{vmid}";
    }

    static Map<String, Object> at(GuestRef guest) {
        return Calls.params("node", guest.node(), "vmid", guest.vmid());
    }

    private static void requireQemu(GuestRef guest, String what) {
        if (guest.type() != GuestType.QEMU) {
            throw PveApiException.invalidParam("vmid", what + " exists for VMs only, " + guest + " is a container");
        }
    }

    /** Optional parameters of power actions; which apply depends on the action and kind (see the PVE API). */
    public static final class PowerOptions extends RequestOptions<PowerOptions> {
        /** Seconds to wait (start, stop, shutdown, reboot). */
        public PowerOptions timeout(int seconds) {
            return param("timeout", seconds);
        }

        /** Shutdown: stop hard when the timeout passes. */
        public PowerOptions forceStop(boolean value) {
            return param("forceStop", value);
        }

        /** Stop: abort a running shutdown task first. */
        public PowerOptions overruleShutdown(boolean value) {
            return param("overrule-shutdown", value);
        }

        /** Ignore a lock (root only). */
        public PowerOptions skiplock(boolean value) {
            return param("skiplock", value);
        }

        /** VM suspend: hibernate to disk. */
        public PowerOptions toDisk(boolean value) {
            return param("todisk", value);
        }

        /** VM suspend to disk: where the state goes. */
        public PowerOptions stateStorage(String storage) {
            return param("statestorage", storage);
        }
    }

    public static final class MigrateOptions extends RequestOptions<MigrateOptions> {
        /** Live migration (VM) or, for containers, allowed for running CTs only with restart. */
        public MigrateOptions online(boolean value) {
            return param("online", value);
        }

        /** Containers: stop, migrate and start again. */
        public MigrateOptions restart(boolean value) {
            return param("restart", value);
        }

        /** VMs: migrate local disks too. */
        public MigrateOptions withLocalDisks(boolean value) {
            return param("with-local-disks", value);
        }

        /** VMs: {@code targetstorage}; containers: {@code target-storage}. */
        public MigrateOptions targetStorage(GuestType type, String mapping) {
            return param(type == GuestType.QEMU ? "targetstorage" : "target-storage", mapping);
        }

        /** KiB/s. */
        public MigrateOptions bwlimit(long kibPerSecond) {
            return param("bwlimit", kibPerSecond);
        }
    }

    public static final class CloneOptions extends RequestOptions<CloneOptions> {
        /** The new guest's name (VM {@code name}, CT {@code hostname}). */
        public CloneOptions name(GuestType type, String name) {
            return param(type == GuestType.QEMU ? "name" : "hostname", name);
        }

        /** A full copy instead of a linked clone (linked clones need a template). */
        public CloneOptions full(boolean value) {
            return param("full", value);
        }

        /** The node to create the clone on. */
        public CloneOptions target(String node) {
            return param("target", node);
        }

        public CloneOptions storage(String storage) {
            return param("storage", storage);
        }

        public CloneOptions pool(String pool) {
            return param("pool", pool);
        }

        public CloneOptions snapname(String snapshot) {
            return param("snapname", snapshot);
        }

        public CloneOptions description(String text) {
            return param("description", text);
        }
    }
}
