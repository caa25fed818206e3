package io.pveflow.sim.api;

import static io.pveflow.sim.validation.ParamRule.array;
import static io.pveflow.sim.validation.ParamRule.bool;
import static io.pveflow.sim.validation.ParamRule.integer;
import static io.pveflow.sim.validation.ParamRule.number;
import static io.pveflow.sim.validation.ParamRule.string;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.pveflow.sim.validation.ParamRule;

/**
 * The simulator's own catalogue of what it serves: every method, path and parameter rule, written by hand
 * from Proxmox's documented API. The conformance test compares this catalogue with the real schema, so a
 * rule that drifts from PVE fails the build instead of misleading the client.
 */
public final class ApiDefinitions {

    // --- parameters many methods share --------------------------------------------------------------
    static final ParamRule NODE = string("node").format("pve-node");
    static final ParamRule VMID = integer("vmid").format("pve-vmid").range(100, 999_999_999);
    /** PVE's pattern for a user or token id, with Perl's {@code (?^:...)} groups written the Java way. */
    static final String USERID_OR_TOKEN =
            "(?:^(?:[^\\s:/]+)@(?:[A-Za-z][A-Za-z0-9\\.\\-_]+)(?:!(?:[A-Za-z][A-Za-z0-9\\.\\-_]+))?$)";
    static final ParamRule SNAPNAME = string("snapname").format("pve-configid").maxLength(40);
    static final ParamRule SKIPLOCK = bool("skiplock").optional();
    static final ParamRule TIMEOUT = integer("timeout").min(0).optional();
    static final ParamRule TIMEFRAME = string("timeframe").oneOf("hour", "day", "week", "month", "year");
    static final ParamRule CF = string("cf").oneOf("AVERAGE", "MAX").optional();
    static final ParamRule STORAGE = string("storage").format("pve-storage-id");
    static final ParamRule UPID = string("upid");
    static final ParamRule HA_SID = string("sid").format("pve-ha-resource-or-vm-id");
    static final ParamRule HA_STATE = string("state").oneOf("started", "stopped", "enabled", "disabled", "ignored")
            .optional();
    static final ParamRule REPL_ID = string("id").pattern("[1-9][0-9]{2,8}-\\d{1,9}").format("pve-replication-job-id");
    static final ParamRule MIGRATION_TYPE = string("migration_type").oneOf("secure", "insecure").optional();
    static final ParamRule MIGRATION_NETWORK = string("migration_network").format("CIDR").optional();
    static final ParamRule RESIZE_SIZE = string("size").pattern("\\+?\\d+(\\.\\d+)?[KMGT]?");

    /** The disks a VM may have, in PVE's order: ide0-3, scsi0-30, virtio0-15, sata0-5, efidisk0, tpmstate0. */
    public static final List<String> QEMU_DISKS = Collections.unmodifiableList(Stream.of(
            numbered("ide", 3), numbered("scsi", 30), numbered("virtio", 15), numbered("sata", 5),
            Stream.of("efidisk0", "tpmstate0")).flatMap(s -> s).toList());

    /** The volumes a container may have: rootfs and mp0-255. */
    public static final List<String> LXC_DISKS = Collections.unmodifiableList(
            Stream.concat(Stream.of("rootfs"), numbered("mp", 255)).toList());

    private static final List<Endpoint> ALL = Collections.unmodifiableList(build());

    private ApiDefinitions() {
    }

    /** Every endpoint the simulator serves. */
    public static List<Endpoint> all() {
        return ALL;
    }

    private static Stream<String> numbered(String prefix, int last) {
        return IntStream.rangeClosed(0, last).mapToObj(i -> prefix + i);
    }

    private static List<Endpoint> build() {
        List<Endpoint> e = new ArrayList<>();

        // --- cluster-wide ----------------------------------------------------------------------------
        e.add(get("/version", Access.user()));
        e.add(get("/cluster/status", Access.perm("/", "Sys.Audit")));
        e.add(get("/cluster/resources", Access.user(),
                string("type").oneOf("vm", "storage", "node", "sdn").optional()));
        e.add(get("/cluster/nextid", Access.user(), VMID.optional()));
        e.add(get("/cluster/tasks", Access.user()));
        e.add(get("/access/permissions", Access.user(),
                string("path").optional(),
                string("userid").pattern(USERID_OR_TOKEN).optional()));
        e.add(post("/access/ticket", Access.world(),
                string("username").maxLength(64),
                string("password"),
                string("realm").format("pve-realm").maxLength(32).optional(),
                string("otp").optional(),
                string("tfa-challenge").optional(),
                string("path").maxLength(64).optional(),
                string("privs").format("pve-priv-list").maxLength(64).optional(),
                bool("new-format").optional()));

        // --- nodes -----------------------------------------------------------------------------------
        e.add(get("/nodes", Access.user()));
        e.add(proxied(get("/nodes/{node}/status", Access.perm("/nodes/{node}", "Sys.Audit"), NODE)));
        e.add(proxied(post("/nodes/{node}/status", Access.perm("/nodes/{node}", "Sys.PowerMgmt"),
                NODE, string("command").oneOf("reboot", "shutdown"))));
        e.add(get("/nodes/{node}/rrddata", Access.perm("/nodes/{node}", "Sys.Audit"),
                NODE, TIMEFRAME.oneOf("hour", "day", "week", "month", "year", "decade"), CF));
        e.add(proxied(get("/nodes/{node}/certificates/info", Access.user(), NODE)));

        // --- guests (qemu and lxc) -------------------------------------------------------------------
        e.add(proxied(get("/nodes/{node}/qemu", Access.user(), NODE, bool("full").optional())));
        e.add(proxied(get("/nodes/{node}/lxc", Access.user(), NODE)));
        for (String kind : List.of("qemu", "lxc")) {
            String guest = "/nodes/{node}/" + kind + "/{vmid}";
            e.add(proxied(get(guest + "/config", Access.perm("/vms/{vmid}", "VM.Audit"), NODE, VMID,
                    bool("current").optional(), string("snapshot").format("pve-configid").maxLength(40).optional())));
            e.add(proxied(get(guest + "/status/current", Access.perm("/vms/{vmid}", "VM.Audit"), NODE, VMID)));
            e.add(get(guest + "/rrddata", Access.perm("/vms/{vmid}", "VM.Audit"), NODE, VMID, TIMEFRAME, CF));
            e.add(proxied(get(guest + "/migrate", Access.perm("/vms/{vmid}", "VM.Migrate"), NODE, VMID,
                    string("target").format("pve-node").optional())));
            e.add(proxied(post(guest + "/template", Access.perm("/vms/{vmid}", "VM.Allocate"), NODE, VMID)
                    .withExtra(kind.equals("qemu") ? List.of(string("disk").oneOf(QEMU_DISKS).optional()) : List.of())));
            // snapshots
            e.add(proxied(get(guest + "/snapshot", Access.perm("/vms/{vmid}", "VM.Audit"), NODE, VMID)));
            e.add(proxied(post(guest + "/snapshot", Access.perm("/vms/{vmid}", "VM.Snapshot"), NODE, VMID, SNAPNAME,
                    string("description").optional())
                    .withExtra(kind.equals("qemu") ? List.of(bool("vmstate").optional()) : List.of())));
            e.add(proxied(delete(guest + "/snapshot/{snapname}", Access.perm("/vms/{vmid}", "VM.Snapshot"),
                    NODE, VMID, SNAPNAME, bool("force").optional())));
            e.add(proxied(post(guest + "/snapshot/{snapname}/rollback",
                    Access.any("/vms/{vmid}", "VM.Snapshot", "VM.Snapshot.Rollback"), NODE, VMID, SNAPNAME,
                    bool("start").optional())));
            e.add(proxied(get(guest + "/snapshot/{snapname}/config",
                    Access.any("/vms/{vmid}", "VM.Snapshot", "VM.Snapshot.Rollback", "VM.Audit"), NODE, VMID, SNAPNAME)));
            e.add(proxied(put(guest + "/snapshot/{snapname}/config", Access.perm("/vms/{vmid}", "VM.Snapshot"),
                    NODE, VMID, SNAPNAME, string("description").optional())));
        }
        String vm = "/nodes/{node}/qemu/{vmid}";
        e.add(proxied(post(vm + "/status/start", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK,
                TIMEOUT,
                string("force-cpu").optional(),
                string("machine").optional(),
                string("migratedfrom").format("pve-node").optional(),
                MIGRATION_NETWORK, MIGRATION_TYPE,
                string("nets-host-mtu").pattern("net\\d+=\\d+(,net\\d+=\\d+)*").optional(),
                string("stateuri").maxLength(128).optional(),
                string("targetstorage").format("storage-pair-list").optional(),
                bool("with-conntrack-state").optional())));
        e.add(proxied(post(vm + "/status/stop", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK,
                TIMEOUT, bool("keepActive").optional(), string("migratedfrom").format("pve-node").optional(),
                bool("overrule-shutdown").optional())));
        e.add(proxied(post(vm + "/status/shutdown", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK,
                TIMEOUT, bool("forceStop").optional(), bool("keepActive").optional())));
        e.add(proxied(post(vm + "/status/reset", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK)));
        e.add(proxied(post(vm + "/status/suspend", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK,
                STORAGE.named("statestorage").optional(), bool("todisk").optional())));
        e.add(proxied(post(vm + "/status/resume", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK,
                bool("nocheck").optional())));
        e.add(proxied(post(vm + "/status/reboot", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, TIMEOUT)));
        e.add(proxied(post(vm + "/migrate", Access.perm("/vms/{vmid}", "VM.Migrate"), NODE, VMID,
                string("target").format("pve-node"),
                bool("online").optional(), bool("force").optional(), bool("with-local-disks").optional(),
                string("targetstorage").format("storage-pair-list").optional(),
                integer("bwlimit").min(0).optional(), MIGRATION_TYPE, MIGRATION_NETWORK,
                bool("with-conntrack-state").optional())));
        e.add(proxied(post(vm + "/clone", Access.perm("/vms/{vmid}", "VM.Clone"), NODE, VMID,
                integer("newid").format("pve-vmid").range(100, 999_999_999),
                string("name").format("dns-name").optional(),
                string("description").optional(),
                bool("full").optional(),
                string("target").format("pve-node").optional(),
                STORAGE.optional(),
                string("format").oneOf("raw", "qcow2", "vmdk").optional(),
                string("pool").format("pve-poolid").optional(),
                SNAPNAME.optional(),
                integer("bwlimit").min(0).optional())));
        e.add(proxied(put(vm + "/resize", Access.perm("/vms/{vmid}", "VM.Config.Disk"), NODE, VMID,
                string("disk").oneOf(QEMU_DISKS), RESIZE_SIZE, string("digest").maxLength(40).optional(), SKIPLOCK)));

        String ct = "/nodes/{node}/lxc/{vmid}";
        e.add(proxied(post(ct + "/status/start", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK,
                bool("debug").optional())));
        e.add(proxied(post(ct + "/status/stop", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, SKIPLOCK,
                bool("overrule-shutdown").optional())));
        e.add(proxied(post(ct + "/status/shutdown", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, TIMEOUT,
                bool("forceStop").optional())));
        e.add(proxied(post(ct + "/status/suspend", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID)));
        e.add(proxied(post(ct + "/status/resume", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID)));
        e.add(proxied(post(ct + "/status/reboot", Access.perm("/vms/{vmid}", "VM.PowerMgmt"), NODE, VMID, TIMEOUT)));
        e.add(proxied(post(ct + "/migrate", Access.perm("/vms/{vmid}", "VM.Migrate"), NODE, VMID,
                string("target").format("pve-node"),
                bool("online").optional(), bool("restart").optional(), integer("timeout").optional(),
                string("target-storage").format("storage-pair-list").optional(),
                number("bwlimit").min(0).optional())));
        e.add(proxied(post(ct + "/clone", Access.perm("/vms/{vmid}", "VM.Clone"), NODE, VMID,
                integer("newid").format("pve-vmid").range(100, 999_999_999),
                string("hostname").format("dns-name").optional(),
                string("description").optional(),
                bool("full").optional(),
                string("target").format("pve-node").optional(),
                STORAGE.optional(),
                string("pool").format("pve-poolid").optional(),
                SNAPNAME.optional(),
                number("bwlimit").min(0).optional())));
        e.add(proxied(put(ct + "/resize", Access.perm("/vms/{vmid}", "VM.Config.Disk"), NODE, VMID,
                string("disk").oneOf(LXC_DISKS), RESIZE_SIZE, string("digest").maxLength(40).optional())));

        // --- backup ----------------------------------------------------------------------------------
        e.add(proxied(post("/nodes/{node}/vzdump", Access.user(),
                NODE.optional(),
                string("vmid").format("pve-vmid-list").optional(),
                bool("all").optional(),
                string("pool").optional(),
                string("exclude").format("pve-vmid-list").optional(),
                STORAGE.optional(),
                string("mode").oneOf("snapshot", "suspend", "stop").optional(),
                string("compress").oneOf("0", "1", "gzip", "lzo", "zstd").optional(),
                string("notes-template").maxLength(1024).optional(),
                bool("protected").optional(),
                integer("bwlimit").min(0).optional(),
                bool("remove").optional(),
                string("prune-backups").format("prune-backups").optional(),
                string("dumpdir").optional(),
                array("exclude-path").optional(),
                string("fleecing").format("backup-fleecing").optional(),
                integer("ionice").range(0, 8).optional(),
                string("job-id").pattern("\\S+").maxLength(50).optional(),
                integer("lockwait").min(0).optional(),
                string("mailnotification").oneOf("always", "failure").optional(),
                string("mailto").format("email-or-username-list").optional(),
                integer("maxfiles").min(1).optional(),
                string("notification-mode").oneOf("auto", "legacy-sendmail", "notification-system").optional(),
                string("pbs-change-detection-mode").oneOf("legacy", "data", "metadata").optional(),
                string("performance").format("backup-performance").optional(),
                integer("pigz").optional(),
                bool("quiet").optional(),
                string("script").optional(),
                bool("stdexcludes").optional(),
                bool("stdout").optional(),
                bool("stop").optional(),
                integer("stopwait").min(0).optional(),
                string("tmpdir").optional(),
                integer("zstd").optional())));

        // --- storage ---------------------------------------------------------------------------------
        e.add(get("/storage", Access.user(), string("type").oneOf("btrfs", "cephfs", "cifs", "dir", "esxi", "iscsi",
                "iscsidirect", "lvm", "lvmthin", "nfs", "pbs", "rbd", "zfs", "zfspool").optional()));
        e.add(proxied(get("/nodes/{node}/storage", Access.user(), NODE,
                string("content").format("pve-storage-content-list").optional(),
                bool("enabled").optional(),
                bool("format").optional(),
                STORAGE.optional(),
                string("target").format("pve-node").optional())));
        String storage = "/nodes/{node}/storage/{storage}";
        Access datastore = Access.any("/storage/{storage}", "Datastore.Audit", "Datastore.AllocateSpace");
        e.add(proxied(get(storage + "/status", datastore, NODE, STORAGE)));
        e.add(proxied(get(storage + "/content", datastore, NODE, STORAGE,
                string("content").format("pve-storage-content").optional(), VMID.optional())));
        e.add(proxied(get(storage + "/rrddata", datastore, NODE, STORAGE, TIMEFRAME, CF)));

        // --- HA ----------------------------------------------------------------------------------------
        e.add(get("/cluster/ha/resources", Access.perm("/", "Sys.Audit"), string("type").oneOf("ct", "vm").optional()));
        e.add(post("/cluster/ha/resources", Access.perm("/", "Sys.Console"), HA_SID,
                string("type").oneOf("ct", "vm").optional(), HA_STATE,
                string("comment").maxLength(4096).optional(),
                integer("max_restart").min(0).optional(), integer("max_relocate").min(0).optional(),
                bool("failback").optional(), string("group").format("pve-configid").optional()));
        e.add(get("/cluster/ha/resources/{sid}", Access.perm("/", "Sys.Audit"), HA_SID));
        e.add(put("/cluster/ha/resources/{sid}", Access.perm("/", "Sys.Console"), HA_SID, HA_STATE,
                string("comment").maxLength(4096).optional(),
                integer("max_restart").min(0).optional(), integer("max_relocate").min(0).optional(),
                bool("failback").optional(), string("group").format("pve-configid").optional(),
                string("delete").format("pve-configid-list").maxLength(4096).optional(),
                string("digest").maxLength(64).optional()));
        e.add(delete("/cluster/ha/resources/{sid}", Access.perm("/", "Sys.Console"), HA_SID, bool("purge").optional()));
        e.add(post("/cluster/ha/resources/{sid}/migrate", Access.perm("/", "Sys.Console"), HA_SID, NODE));
        e.add(post("/cluster/ha/resources/{sid}/relocate", Access.perm("/", "Sys.Console"), HA_SID, NODE));
        e.add(get("/cluster/ha/status/current", Access.perm("/", "Sys.Audit")));

        // --- replication ---------------------------------------------------------------------------
        e.add(get("/cluster/replication", Access.user()));
        e.add(post("/cluster/replication", Access.user(), REPL_ID,
                string("target").format("pve-node"), string("type").oneOf("local"),
                string("schedule").format("pve-calendar-event").maxLength(128).optional(),
                number("rate").min(1).optional(), string("comment").maxLength(4096).optional(),
                bool("disable").optional(), string("remove_job").oneOf("local", "full").optional(),
                string("source").format("pve-node").optional()));
        e.add(get("/cluster/replication/{id}", Access.user(), REPL_ID));
        e.add(put("/cluster/replication/{id}", Access.user(), REPL_ID,
                string("schedule").format("pve-calendar-event").maxLength(128).optional(),
                number("rate").min(1).optional(), string("comment").maxLength(4096).optional(),
                bool("disable").optional(), string("remove_job").oneOf("local", "full").optional(),
                string("source").format("pve-node").optional(),
                string("delete").format("pve-configid-list").maxLength(4096).optional(),
                string("digest").maxLength(64).optional()));
        e.add(delete("/cluster/replication/{id}", Access.user(), REPL_ID, bool("force").optional(),
                bool("keep").optional()));
        e.add(proxied(get("/nodes/{node}/replication", Access.user(), NODE,
                integer("guest").format("pve-vmid").range(100, 999_999_999).optional())));
        e.add(proxied(get("/nodes/{node}/replication/{id}/status", Access.user(), NODE, REPL_ID)));
        e.add(proxied(get("/nodes/{node}/replication/{id}/log", Access.user(), NODE, REPL_ID,
                integer("start").min(0).optional(), integer("limit").min(0).optional())));
        e.add(proxied(post("/nodes/{node}/replication/{id}/schedule_now", Access.user(), NODE, REPL_ID)));

        // --- tasks -------------------------------------------------------------------------------------
        e.add(proxied(get("/nodes/{node}/tasks", Access.user(), NODE,
                integer("start").min(0).optional(), integer("limit").min(0).optional(),
                VMID.optional(), string("typefilter").optional(), string("userfilter").optional(),
                string("statusfilter").format("pve-task-status-type-list").optional(),
                bool("errors").optional(), string("source").oneOf("archive", "active", "all").optional(),
                integer("since").optional(), integer("until").optional())));
        e.add(proxied(get("/nodes/{node}/tasks/{upid}/status", Access.user(), NODE, UPID)));
        e.add(proxied(get("/nodes/{node}/tasks/{upid}/log", Access.user(), NODE, UPID,
                integer("start").min(0).optional(), integer("limit").min(0).optional(),
                bool("download").optional())));
        e.add(proxied(delete("/nodes/{node}/tasks/{upid}", Access.user(), NODE, UPID)));
        return e;
    }

    // --- tiny DSL ----------------------------------------------------------------------------------------

    private static Endpoint get(String path, Access access, ParamRule... params) {
        return new Endpoint("GET", path, Arrays.asList(params), access, false);
    }

    private static Endpoint post(String path, Access access, ParamRule... params) {
        return new Endpoint("POST", path, Arrays.asList(params), access, false);
    }

    private static Endpoint put(String path, Access access, ParamRule... params) {
        return new Endpoint("PUT", path, Arrays.asList(params), access, false);
    }

    private static Endpoint delete(String path, Access access, ParamRule... params) {
        return new Endpoint("DELETE", path, Arrays.asList(params), access, false);
    }

    private static Endpoint proxied(Endpoint e) {
        return new Endpoint(e.method(), e.path(), e.parameters(), e.access(), true);
    }
}
