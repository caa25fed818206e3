package io.pveflow.sim.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes big clusters for scale tests and benchmarks, e.g. {@code generate(32, 5000, 1)}: local and shared
 * storage, a mix of VMs and containers (about 60 % running), tags, pools, a few templates, HA resources and
 * replication jobs. The same seed gives the same cluster.
 */
public final class ClusterGenerator {

    private static final String[] TAGS = {"prod", "dev", "test", "web", "db", "cache", "ci", "infra", "backup"};
    private static final String[] POOLS = {"prod", "staging", "dev", "infra"};
    private static final String[] ROLES = {"web", "db", "app", "cache", "worker", "proxy", "mail", "build"};

    private ClusterGenerator() {
    }

    public static ClusterSpec generate(int nodeCount, int guestCount, long seed) {
        Random random = new Random(seed);
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new NodeSpec("pve" + i, "10.10." + (i / 250) + "." + (i % 250 + 1), 64, 524_288L, 200L, true));
        }
        // sized so that thousands of guests fit
        double perNodeGiB = Math.max(2048, guestCount * 48.0 / nodeCount * 2);
        List<StorageSpec> storages = List.of(
                new StorageSpec("local", "dir", List.of("iso", "vztmpl", "backup"), false, null, 500.0, 40.0, null,
                        List.of()),
                new StorageSpec("local-lvm", "lvmthin", List.of("images", "rootdir"), false, null, perNodeGiB, 0.0,
                        null, List.of()),
                new StorageSpec("ceph", "rbd", List.of("images", "rootdir"), true, null,
                        Math.max(20_000.0, guestCount * 40.0), 500.0, null, List.of()),
                new StorageSpec("backup", "nfs", List.of("backup", "iso", "vztmpl"), true, null,
                        Math.max(20_000.0, guestCount * 20.0), 1000.0, null, List.of()));
        List<GuestSpec> guests = new ArrayList<>();
        List<HaResourceSpec> ha = new ArrayList<>();
        List<ReplicationSpec> replication = new ArrayList<>();
        for (int i = 0; i < guestCount; i++) {
            int vmid = 100 + i;
            String node = "pve" + (1 + i % nodeCount);
            boolean vm = random.nextDouble() < 0.7;
            boolean template = i % 500 == 499;
            String status = template ? "stopped" : random.nextDouble() < 0.6 ? "running" : "stopped";
            String storage = random.nextDouble() < 0.5 ? "ceph" : "local-lvm";
            String role = ROLES[random.nextInt(ROLES.length)];
            List<String> tags = List.of(TAGS[random.nextInt(TAGS.length)], role);
            String pool = random.nextDouble() < 0.7 ? POOLS[random.nextInt(POOLS.length)] : null;
            String size = vm ? (16 + 16 * random.nextInt(4)) + "G" : (4 + 4 * random.nextInt(3)) + "G";
            Map<String, String> disks = Map.of(vm ? "scsi0" : "rootfs", storage + ":" + size);
            guests.add(new GuestSpec(vmid, vm ? "qemu" : "lxc", node, role + "-" + vmid, status, template, tags, pool,
                    1 + random.nextInt(8), 512 * (1 + random.nextInt(16)), disks, null,
                    status.equals("running"), List.of(), null));
            if (!template && storage.equals("ceph") && i % 25 == 0) {
                ha.add(new HaResourceSpec((vm ? "vm:" : "ct:") + vmid, status.equals("running") ? "started" : "stopped",
                        null, null, null, null));
            }
            if (!template && storage.equals("local-lvm") && i % 100 == 1 && nodeCount > 1) {
                String target = "pve" + (1 + (i + 1) % nodeCount);
                replication.add(new ReplicationSpec(vmid + "-0", target, "*/15", null, null, null, null));
            }
        }
        List<TokenSpec> tokens = List.of(
                new TokenSpec("root@pam!bench", "bench-secret", false, null),
                TokenSpec.of("monitor@pve!ro", "ro-secret").allow("/", "PVEAuditor"));
        return new ClusterSpec("scale-" + nodeCount + "x" + guestCount, null, Timings.defaults().withTaskMillis(2000),
                nodes, storages, guests, ha, replication,
                List.of(new UserSpec("root@pam", "pveflow", null), new UserSpec("monitor@pve", null,
                        List.of(AclSpec.of("/", "PVEAuditor")))),
                tokens, null);
    }
}
