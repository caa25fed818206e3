package io.pveflow.sim.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.pveflow.sim.spec.AclSpec;

/**
 * One principal's ACL entries. As in PVE, the most specific path with an entry decides: an entry on
 * {@code /vms/100} replaces what {@code /vms} or {@code /} grant, and an entry with {@code propagate=0}
 * applies to its own path only.
 */
final class Acl {

    private record Entry(String path, Set<String> privileges, boolean propagate) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final boolean everything;

    private Acl(boolean everything) {
        this.everything = everything;
    }

    static Acl of(List<AclSpec> specs) {
        Acl acl = new Acl(false);
        for (AclSpec spec : specs) {
            acl.entries.add(new Entry(normalize(spec.path()), Roles.expand(spec.roles(), spec.privs()),
                    spec.propagate()));
        }
        return acl;
    }

    static Acl everything() {
        return new Acl(true);
    }

    static String normalize(String path) {
        String p = path == null || path.isBlank() ? "/" : path.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Privileges on a path, walking from the path up to {@code /} and stopping at the first level with entries. */
    Set<String> privileges(String path) {
        if (everything) {
            return new HashSet<>(Roles.ALL_PRIVILEGES);
        }
        String p = normalize(path);
        boolean exact = true;
        while (true) {
            Set<String> found = null;
            for (Entry e : entries) {
                if (e.path().equals(p) && (exact || e.propagate())) {
                    if (found == null) {
                        found = new HashSet<>();
                    }
                    found.addAll(e.privileges());
                }
            }
            if (found != null) {
                return found;
            }
            if (p.equals("/")) {
                return Set.of();
            }
            int slash = p.lastIndexOf('/');
            p = slash == 0 ? "/" : p.substring(0, slash);
            exact = false;
        }
    }

    /** The paths this ACL has entries on ({@code /} for an ACL that grants everything). */
    Set<String> paths() {
        if (everything) {
            return Set.of("/");
        }
        Set<String> paths = new java.util.TreeSet<>();
        entries.forEach(e -> paths.add(e.path()));
        return paths;
    }

    boolean isEverything() {
        return everything;
    }
}
