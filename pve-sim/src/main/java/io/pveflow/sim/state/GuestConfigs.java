package io.pveflow.sim.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.pveflow.sim.spec.GuestSpec;

/** Builds believable guest config files from the short description in a cluster file. */
final class GuestConfigs {

    private GuestConfigs() {
    }

    /** The keys before the disks, in the order PVE writes them. */
    static Map<String, String> initial(GuestSpec g, GuestType type) {
        Map<String, String> c = new LinkedHashMap<>();
        String name = g.name() != null ? g.name() : (type == GuestType.QEMU ? "vm" : "ct") + g.vmid();
        if (type == GuestType.QEMU) {
            c.put("boot", "order=scsi0;net0");
            c.put("cores", Integer.toString(g.cores()));
            c.put("cpu", "x86-64-v2-AES");
            c.put("memory", Integer.toString(g.memoryMiB()));
            c.put("meta", "creation-qemu=9.2.0,ctime=" + (Cluster.now() - 86_400L * 30));
            c.put("name", name);
            c.put("net0", "virtio=" + mac(g.vmid()) + ",bridge=vmbr0,firewall=1");
            c.put("numa", "0");
            c.put("ostype", "l26");
            c.put("scsihw", "virtio-scsi-single");
            c.put("smbios1", "uuid=" + UUID.nameUUIDFromBytes(("vm" + g.vmid()).getBytes()));
            c.put("sockets", "1");
            c.put("vmgenid", UUID.nameUUIDFromBytes(("gen" + g.vmid()).getBytes()).toString());
        } else {
            c.put("arch", "amd64");
            c.put("cores", Integer.toString(g.cores()));
            c.put("features", "nesting=1");
            c.put("hostname", name);
            c.put("memory", Integer.toString(g.memoryMiB()));
            c.put("net0", "name=eth0,bridge=vmbr0,firewall=1,hwaddr=" + mac(g.vmid()) + ",ip=dhcp,type=veth");
            c.put("ostype", "debian");
            c.put("swap", "512");
            c.put("unprivileged", "1");
        }
        return c;
    }

    /** Keys after the disks: onboot, tags, template and any raw overrides. */
    static void appendTail(Guest guest, GuestSpec g) {
        Map<String, String> c = guest.config();
        if (g.onboot()) {
            c.put("onboot", "1");
        }
        if (!g.tags().isEmpty()) {
            c.put("tags", String.join(";", g.tags()));
        }
        if (g.template()) {
            c.put("template", "1");
        }
        c.putAll(g.config());
    }

    private static String mac(int vmid) {
        return String.format("BC:24:11:%02X:%02X:%02X", (vmid >> 16) & 0xff, (vmid >> 8) & 0xff, vmid & 0xff);
    }
}
