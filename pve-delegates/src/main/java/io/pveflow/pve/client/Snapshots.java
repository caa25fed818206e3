package io.pveflow.pve.client;

import java.util.List;
import java.util.Map;

import io.pveflow.pve.client.http.PveTransport;
import io.pveflow.pve.client.model.GuestConfig;
import io.pveflow.pve.client.model.Snapshot;

/**
 * Guest snapshots. Names start with a letter, then letters, digits, {@code _} or {@code -}; {@code current} is
 * reserved. Create, delete and rollback are tasks; the description update is immediate.
 */
public final class Snapshots {

    private final PveTransport t;

    Snapshots(PveTransport transport) {
        this.t = transport;
    }

    /** The guest's snapshots, without Proxmox's pseudo-entry {@code current}. */
    public List<Snapshot> list(GuestRef guest) {
        return t.convertList(t.call("GET", Guests.base(guest) + "/snapshot", Guests.at(guest)).data(), Snapshot.class)
                .stream().filter(s -> !s.isCurrent()).toList();
    }

    public Upid create(GuestRef guest, String name, String description) {
        return create(guest, name, description, false);
    }

    /** @param vmstate VMs only: include the RAM (the VM must be running) */
    public Upid create(GuestRef guest, String name, String description, boolean vmstate) {
        return Calls.upid(t.call("POST", Guests.base(guest) + "/snapshot", Calls.params("node", guest.node(),
                "vmid", guest.vmid(), "snapname", name, "description", description, "vmstate", vmstate ? true : null)),
                guest + " snapshot " + name);
    }

    public Upid delete(GuestRef guest, String name) {
        return delete(guest, name, false);
    }

    /** @param force remove the snapshot from the config even if removing its disk snapshots fails */
    public Upid delete(GuestRef guest, String name, boolean force) {
        return Calls.upid(t.call("DELETE", Guests.base(guest) + "/snapshot/{snapname}", Calls.params("node",
                guest.node(), "vmid", guest.vmid(), "snapname", name, "force", force ? true : null)),
                guest + " delete snapshot " + name);
    }

    /** @param start start the guest after the rollback */
    public Upid rollback(GuestRef guest, String name, boolean start) {
        return Calls.upid(t.call("POST", Guests.base(guest) + "/snapshot/{snapname}/rollback", Calls.params("node",
                guest.node(), "vmid", guest.vmid(), "snapname", name, "start", start ? true : null)),
                guest + " rollback " + name);
    }

    /** The configuration saved in the snapshot. */
    public GuestConfig config(GuestRef guest, String name) {
        return new GuestConfig(t.convert(t.call("GET", Guests.base(guest) + "/snapshot/{snapname}/config",
                Calls.params("node", guest.node(), "vmid", guest.vmid(), "snapname", name)).data(), Map.class));
    }

    /** Changes a snapshot's description (synchronous). */
    public void updateDescription(GuestRef guest, String name, String description) {
        t.call("PUT", Guests.base(guest) + "/snapshot/{snapname}/config", Calls.params("node", guest.node(), "vmid",
                guest.vmid(), "snapname", name, "description", description));
    }
}
