package io.pveflow.sim.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PVE's built-in roles, by the privileges they grant. */
final class Roles {

    static final List<String> ALL_PRIVILEGES = List.of(
            "Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.AllocateTemplate", "Datastore.Audit",
            "Group.Allocate", "Mapping.Audit", "Mapping.Modify", "Mapping.Use", "Permissions.Modify",
            "Pool.Allocate", "Pool.Audit", "Realm.Allocate", "Realm.AllocateUser", "SDN.Allocate", "SDN.Audit",
            "SDN.Use", "Sys.AccessNetwork", "Sys.Audit", "Sys.Console", "Sys.Incoming", "Sys.Modify",
            "Sys.PowerMgmt", "Sys.Syslog", "User.Modify", "VM.Allocate", "VM.Audit", "VM.Backup", "VM.Clone",
            "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Cloudinit", "VM.Config.Disk", "VM.Config.HWType",
            "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.Console", "VM.GuestAgent.Audit",
            "VM.GuestAgent.FileRead", "VM.GuestAgent.FileSystemMgmt", "VM.GuestAgent.FileWrite",
            "VM.GuestAgent.Unrestricted", "VM.Migrate", "VM.PowerMgmt", "VM.Replicate", "VM.Snapshot",
            "VM.Snapshot.Rollback");

    private static final Map<String, List<String>> ROLES = Map.ofEntries(
            Map.entry("Administrator", ALL_PRIVILEGES),
            Map.entry("NoAccess", List.of()),
            Map.entry("PVEAuditor", List.of("Datastore.Audit", "Mapping.Audit", "Pool.Audit", "SDN.Audit",
                    "Sys.Audit", "VM.Audit", "VM.GuestAgent.Audit")),
            Map.entry("PVEVMAdmin", ALL_PRIVILEGES.stream().filter(p -> p.startsWith("VM.")).toList()),
            Map.entry("PVEVMUser", List.of("VM.Audit", "VM.Backup", "VM.Config.CDROM", "VM.Config.Cloudinit",
                    "VM.Console", "VM.PowerMgmt", "VM.GuestAgent.Audit")),
            Map.entry("PVEDatastoreUser", List.of("Datastore.AllocateSpace", "Datastore.Audit")),
            Map.entry("PVEDatastoreAdmin", List.of("Datastore.Allocate", "Datastore.AllocateSpace",
                    "Datastore.AllocateTemplate", "Datastore.Audit")),
            Map.entry("PVESysAdmin", List.of("Sys.AccessNetwork", "Sys.Audit", "Sys.Console", "Sys.Incoming",
                    "Sys.Modify", "Sys.PowerMgmt", "Sys.Syslog")),
            Map.entry("PVEPoolUser", List.of("Pool.Audit")),
            Map.entry("PVEAdmin", ALL_PRIVILEGES.stream()
                    .filter(p -> !p.equals("Permissions.Modify") && !p.startsWith("Realm.")).toList()));

    private Roles() {
    }

    static Set<String> expand(List<String> roles, List<String> privileges) {
        Set<String> all = new LinkedHashSet<>(privileges);
        for (String role : roles) {
            List<String> granted = ROLES.get(role);
            if (granted == null) {
                throw new IllegalArgumentException("unknown role '" + role + "'");
            }
            all.addAll(granted);
        }
        return all;
    }
}
