package io.pveflow.pve.client.validation;

import static io.pveflow.pve.client.validation.ParamRule.array;
import static io.pveflow.pve.client.validation.ParamRule.bool;
import static io.pveflow.pve.client.validation.ParamRule.integer;
import static io.pveflow.pve.client.validation.ParamRule.number;
import static io.pveflow.pve.client.validation.ParamRule.string;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The parameter rules of every method this client calls, written from Proxmox VE 9.1's API documentation. A
 * test compares them with the real schema so they cannot drift silently; where 8.4 differs (a few parameters
 * added in 9.x) the 9.1 rule is kept, and an 8.4 server refuses the newer parameter itself.
 */
public final class ApiRules {

    // --- parameters shared by many methods -------------------------------------------------------------
    static final ParamRule NODE = string("node").format("pve-node");
    static final ParamRule VMID = integer("vmid").format("pve-vmid").range(100, 999_999_999);
    /** Snapshot names: a letter, then letters, digits, '_' or '-'; 'current' and 'pending' are taken. */
    static final ParamRule SNAPNAME = string("snapname").format("pve-configid").reserving("current", "pending");
    static final ParamRule SKIPLOCK = bool("skiplock").optional();
    static final ParamRule TIMEOUT = integer("timeout").min(0).optional();
    static final ParamRule TIMEFRAME = string("timeframe").oneOf("hour", "day", "week", "month", "year");
    static final ParamRule CF = string("cf").oneOf("AVERAGE", "MAX").optional();
    static final ParamRule STORAGE = string("storage").format("pve-storage-id");
    static final ParamRule UPID = string("upid");
    static final ParamRule SID = string("sid").format("pve-ha-resource-or-vm-id");
    static final ParamRule HA_STATE =
            string("state").oneOf("started", "stopped", "enabled", "disabled", "ignored").optional();
    static final ParamRule REPLICATION_ID =
            string("id").format("pve-replication-job-id").pattern("[1-9][0-9]{2,8}-\\d{1,9}");
    static final ParamRule MIGRATION_TYPE = string("migration_type").oneOf("secure", "insecure").optional();
    static final ParamRule MIGRATION_NETWORK = string("migration_network").format("CIDR").optional();
    static final ParamRule DISK_SIZE = string("size").pattern("\\+?\\d+(\\.\\d+)?[KMGT]?");
    static final ParamRule START = integer("start").min(0).optional();
    static final ParamRule LIMIT = integer("limit").min(0).optional();
    static final ParamRule DIGEST = string("digest").optional();
    static final ParamRule COMMENT = string("comment").optional();

    /** A VM's disks in PVE's order: ide0-3, scsi0-30, virtio0-15, sata0-5, efidisk0, tpmstate0. */
    public static final List<String> VM_DISKS = Stream.of(numbered("ide", 3), numbered("scsi", 30),
            numbered("virtio", 15), numbered("sata", 5), Stream.of("efidisk0", "tpmstate0"))
            .flatMap(s -> s).toList();
    /** A container's volumes: rootfs and mp0-255. */
    public static final List<String> CT_VOLUMES =
            Stream.concat(Stream.of("rootfs"), numbered("mp", 255)).toList();

    private static final Map<String, EndpointRules> BY_KEY = index(build());

    private ApiRules() {
    }

    /** The rules of a method and path template ({@code /nodes/{node}/qemu/{vmid}/config}); null when unknown. */
    public static EndpointRules find(String method, String pathTemplate) {
        return BY_KEY.get(method + " " + pathTemplate);
    }

    public static Collection<EndpointRules> all() {
        return BY_KEY.values();
    }

    private static Stream<String> numbered(String prefix, int last) {
        return IntStream.rangeClosed(0, last).mapToObj(i -> prefix + i);
    }

    private static Map<String, EndpointRules> index(List<EndpointRules> list) {
        Map<String, EndpointRules> map = new LinkedHashMap<>();
        for (EndpointRules e : list) {
            if (map.put(e.key(), e) != null) {
                throw new IllegalStateException("defined twice: " + e.key());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** PVE's user/token id pattern, its Perl {@code (?^:...)} groups written the Java way. */
    static final String USERID_OR_TOKEN =
            "(?:^(?:[^\\s:/]+)@(?:[A-Za-z][A-Za-z0-9\\.\\-_]+)(?:!(?:[A-Za-z][A-Za-z0-9\\.\\-_]+))?$)";

    private static List<EndpointRules> build() {
        List<EndpointRules> r = new ArrayList<>();

        // --- cluster and access ------------------------------------------------------------------------
        r.add(get("/version"));
        r.add(get("/cluster/resources", string("type").oneOf("vm", "storage", "node", "sdn").optional()));
        r.add(get("/cluster/nextid", VMID.optional()));
        r.add(get("/cluster/tasks"));
        r.add(get("/access/permissions", string("path").optional(), string("userid").pattern(USERID_OR_TOKEN).optional()));
        r.add(post("/access/ticket", string("username"), string("password"), string("realm").format("pve-realm")
                .optional(), string("otp").optional(), string("tfa-challenge").optional(), string("path").optional(),
                string("privs").format("pve-priv-list").optional(), bool("new-format").optional()));

        // --- nodes -------------------------------------------------------------------------------------
        r.add(get("/nodes"));
        r.add(get("/nodes/{node}/status", NODE));
        r.add(post("/nodes/{node}/status", NODE, string("command").oneOf("reboot", "shutdown")));
        r.add(get("/nodes/{node}/rrddata", NODE,
                TIMEFRAME.oneOf("hour", "day", "week", "month", "year", "decade"), CF));

        // --- guests, both kinds ------------------------------------------------------------------------
        r.add(get("/nodes/{node}/qemu", NODE, bool("full").optional()));
        r.add(get("/nodes/{node}/lxc", NODE));
        for (String kind : List.of("qemu", "lxc")) {
            String guest = "/nodes/{node}/" + kind + "/{vmid}";
            r.add(get(guest + "/config", NODE, VMID, bool("current").optional(),
                    string("snapshot").format("pve-configid").optional()));
            r.add(get(guest + "/status/current", NODE, VMID));
            r.add(get(guest + "/rrddata", NODE, VMID, TIMEFRAME, CF));
            r.add(get(guest + "/snapshot", NODE, VMID));
            r.add(post(guest + "/snapshot", join(List.of(NODE, VMID, SNAPNAME, string("description").optional()),
                    kind.equals("qemu") ? List.of(bool("vmstate").optional()) : List.of())));
            r.add(delete(guest + "/snapshot/{snapname}", NODE, VMID, SNAPNAME, bool("force").optional()));
            r.add(post(guest + "/snapshot/{snapname}/rollback", NODE, VMID, SNAPNAME, bool("start").optional()));
            r.add(get(guest + "/snapshot/{snapname}/config", NODE, VMID, SNAPNAME));
            r.add(put(guest + "/snapshot/{snapname}/config", NODE, VMID, SNAPNAME,
                    string("description").optional()));
        }

        // --- virtual machines ----------------------------------------------------------------------------
        String vm = "/nodes/{node}/qemu/{vmid}";
        r.add(post(vm + "/status/start", NODE, VMID, SKIPLOCK, TIMEOUT, string("force-cpu").optional(),
                string("machine").optional(), string("migratedfrom").format("pve-node").optional(),
                MIGRATION_NETWORK, MIGRATION_TYPE,
                string("nets-host-mtu").pattern("net\\d+=\\d+(,net\\d+=\\d+)*").optional(),
                string("stateuri").optional(), string("targetstorage").format("storage-pair-list").optional(),
                bool("with-conntrack-state").optional()));
        r.add(post(vm + "/status/stop", NODE, VMID, SKIPLOCK, TIMEOUT, bool("keepActive").optional(),
                string("migratedfrom").format("pve-node").optional(), bool("overrule-shutdown").optional()));
        r.add(post(vm + "/status/shutdown", NODE, VMID, SKIPLOCK, TIMEOUT, bool("forceStop").optional(),
                bool("keepActive").optional()));
        r.add(post(vm + "/status/reset", NODE, VMID, SKIPLOCK));
        r.add(post(vm + "/status/suspend", NODE, VMID, SKIPLOCK, STORAGE.named("statestorage").optional(),
                bool("todisk").optional()));
        r.add(post(vm + "/status/resume", NODE, VMID, SKIPLOCK, bool("nocheck").optional()));
        r.add(post(vm + "/status/reboot", NODE, VMID, TIMEOUT));
        r.add(get(vm + "/migrate", NODE, VMID, string("target").format("pve-node").optional()));
        r.add(post(vm + "/migrate", NODE, VMID, string("target").format("pve-node"), bool("online").optional(),
                bool("force").optional(), bool("with-local-disks").optional(),
                string("targetstorage").format("storage-pair-list").optional(), integer("bwlimit").min(0).optional(),
                MIGRATION_TYPE, MIGRATION_NETWORK, bool("with-conntrack-state").optional()));
        r.add(post(vm + "/clone", NODE, VMID, VMID.named("newid"), string("name").format("dns-name").optional(),
                string("description").optional(), bool("full").optional(),
                string("target").format("pve-node").optional(), STORAGE.optional(),
                string("format").oneOf("raw", "qcow2", "vmdk").optional(),
                string("pool").format("pve-poolid").optional(), SNAPNAME.reserving().optional(),
                integer("bwlimit").min(0).optional()));
        r.add(post(vm + "/template", NODE, VMID, string("disk").oneOf(VM_DISKS).optional()));
        r.add(put(vm + "/resize", NODE, VMID, string("disk").oneOf(VM_DISKS), DISK_SIZE, DIGEST, SKIPLOCK));

        // --- containers ------------------------------------------------------------------------------------
        String ct = "/nodes/{node}/lxc/{vmid}";
        r.add(post(ct + "/status/start", NODE, VMID, SKIPLOCK, bool("debug").optional()));
        r.add(post(ct + "/status/stop", NODE, VMID, SKIPLOCK, bool("overrule-shutdown").optional()));
        r.add(post(ct + "/status/shutdown", NODE, VMID, TIMEOUT, bool("forceStop").optional()));
        r.add(post(ct + "/status/suspend", NODE, VMID));
        r.add(post(ct + "/status/resume", NODE, VMID));
        r.add(post(ct + "/status/reboot", NODE, VMID, TIMEOUT));
        r.add(post(ct + "/migrate", NODE, VMID, string("target").format("pve-node"), bool("online").optional(),
                bool("restart").optional(), integer("timeout").optional(),
                string("target-storage").format("storage-pair-list").optional(), number("bwlimit").min(0).optional()));
        r.add(post(ct + "/clone", NODE, VMID, VMID.named("newid"), string("hostname").format("dns-name").optional(),
                string("description").optional(), bool("full").optional(),
                string("target").format("pve-node").optional(), STORAGE.optional(),
                string("pool").format("pve-poolid").optional(), SNAPNAME.reserving().optional(),
                number("bwlimit").min(0).optional()));
        r.add(post(ct + "/template", NODE, VMID));
        r.add(put(ct + "/resize", NODE, VMID, string("disk").oneOf(CT_VOLUMES), DISK_SIZE, DIGEST));

        // --- backup ----------------------------------------------------------------------------------------
        r.add(post("/nodes/{node}/vzdump", NODE.optional(), string("vmid").format("pve-vmid-list").optional(),
                bool("all").optional(), string("pool").optional(),
                string("exclude").format("pve-vmid-list").optional(), STORAGE.optional(),
                string("mode").oneOf("snapshot", "suspend", "stop").optional(),
                string("compress").oneOf("0", "1", "gzip", "lzo", "zstd").optional(),
                string("notes-template").optional(), bool("protected").optional(),
                integer("bwlimit").min(0).optional(), bool("remove").optional(),
                string("prune-backups").format("prune-backups").optional(), string("dumpdir").optional(),
                array("exclude-path").optional(), string("fleecing").format("backup-fleecing").optional(),
                integer("ionice").range(0, 8).optional(), string("job-id").pattern("\\S+").optional(),
                integer("lockwait").min(0).optional(),
                string("mailnotification").oneOf("always", "failure").optional(),
                string("mailto").format("email-or-username-list").optional(), integer("maxfiles").min(1).optional(),
                string("notification-mode").oneOf("auto", "legacy-sendmail", "notification-system").optional(),
                string("pbs-change-detection-mode").oneOf("legacy", "data", "metadata").optional(),
                string("performance").format("backup-performance").optional(), integer("pigz").optional(),
                bool("quiet").optional(), string("script").optional(), bool("stdexcludes").optional(),
                bool("stdout").optional(), bool("stop").optional(), integer("stopwait").min(0).optional(),
                string("tmpdir").optional(), integer("zstd").optional()));

        // --- storage ---------------------------------------------------------------------------------------
        r.add(get("/storage", string("type").oneOf("btrfs", "cephfs", "cifs", "dir", "esxi", "iscsi", "iscsidirect",
                "lvm", "lvmthin", "nfs", "pbs", "rbd", "zfs", "zfspool").optional()));
        r.add(get("/nodes/{node}/storage", NODE, string("content").format("pve-storage-content-list").optional(),
                bool("enabled").optional(), bool("format").optional(), STORAGE.optional(),
                string("target").format("pve-node").optional()));
        String storage = "/nodes/{node}/storage/{storage}";
        r.add(get(storage + "/status", NODE, STORAGE));
        r.add(get(storage + "/content", NODE, STORAGE, string("content").format("pve-storage-content").optional(),
                VMID.optional()));
        r.add(get(storage + "/rrddata", NODE, STORAGE, TIMEFRAME, CF));

        // --- HA ----------------------------------------------------------------------------------------------
        r.add(get("/cluster/ha/resources", string("type").oneOf("ct", "vm").optional()));
        r.add(post("/cluster/ha/resources", SID, string("type").oneOf("ct", "vm").optional(), HA_STATE, COMMENT,
                integer("max_restart").min(0).optional(), integer("max_relocate").min(0).optional(),
                bool("failback").optional(), string("group").format("pve-configid").optional()));
        r.add(get("/cluster/ha/resources/{sid}", SID));
        r.add(put("/cluster/ha/resources/{sid}", SID, HA_STATE, COMMENT, integer("max_restart").min(0).optional(),
                integer("max_relocate").min(0).optional(), bool("failback").optional(),
                string("group").format("pve-configid").optional(),
                string("delete").format("pve-configid-list").optional(), DIGEST));
        r.add(delete("/cluster/ha/resources/{sid}", SID, bool("purge").optional()));
        r.add(post("/cluster/ha/resources/{sid}/migrate", SID, NODE));
        r.add(post("/cluster/ha/resources/{sid}/relocate", SID, NODE));
        r.add(get("/cluster/ha/status/current"));

        // --- replication -------------------------------------------------------------------------------------
        r.add(get("/cluster/replication"));
        r.add(post("/cluster/replication", REPLICATION_ID, string("target").format("pve-node"),
                string("type").oneOf("local"), string("schedule").format("pve-calendar-event").optional(),
                number("rate").min(1).optional(), COMMENT, bool("disable").optional(),
                string("remove_job").oneOf("local", "full").optional(),
                string("source").format("pve-node").optional()));
        r.add(get("/cluster/replication/{id}", REPLICATION_ID));
        r.add(put("/cluster/replication/{id}", REPLICATION_ID,
                string("schedule").format("pve-calendar-event").optional(), number("rate").min(1).optional(), COMMENT,
                bool("disable").optional(), string("remove_job").oneOf("local", "full").optional(),
                string("source").format("pve-node").optional(),
                string("delete").format("pve-configid-list").optional(), DIGEST));
        r.add(delete("/cluster/replication/{id}", REPLICATION_ID, bool("force").optional(), bool("keep").optional()));
        r.add(get("/nodes/{node}/replication", NODE, VMID.named("guest").optional()));
        r.add(get("/nodes/{node}/replication/{id}/status", NODE, REPLICATION_ID));
        r.add(get("/nodes/{node}/replication/{id}/log", NODE, REPLICATION_ID, START, LIMIT));
        r.add(post("/nodes/{node}/replication/{id}/schedule_now", NODE, REPLICATION_ID));

        // --- tasks -------------------------------------------------------------------------------------------
        r.add(get("/nodes/{node}/tasks", NODE, START, LIMIT, VMID.optional(), string("typefilter").optional(),
                string("userfilter").optional(), string("statusfilter").format("pve-task-status-type-list").optional(),
                bool("errors").optional(), string("source").oneOf("archive", "active", "all").optional(),
                integer("since").optional(), integer("until").optional()));
        r.add(get("/nodes/{node}/tasks/{upid}/status", NODE, UPID));
        r.add(get("/nodes/{node}/tasks/{upid}/log", NODE, UPID, START, LIMIT, bool("download").optional()));
        r.add(delete("/nodes/{node}/tasks/{upid}", NODE, UPID));
        return r;
    }

    private static List<ParamRule> join(List<ParamRule> a, List<ParamRule> b) {
        List<ParamRule> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static EndpointRules get(String path, ParamRule... params) {
        return new EndpointRules("GET", path, Arrays.asList(params));
    }

    private static EndpointRules post(String path, ParamRule... params) {
        return new EndpointRules("POST", path, Arrays.asList(params));
    }

    private static EndpointRules post(String path, List<ParamRule> params) {
        return new EndpointRules("POST", path, params);
    }

    private static EndpointRules put(String path, ParamRule... params) {
        return new EndpointRules("PUT", path, Arrays.asList(params));
    }

    private static EndpointRules delete(String path, ParamRule... params) {
        return new EndpointRules("DELETE", path, Arrays.asList(params));
    }
}
