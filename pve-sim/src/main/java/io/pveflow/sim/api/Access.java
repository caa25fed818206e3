package io.pveflow.sim.api;

import java.util.List;

/**
 * Who may call an endpoint, checked before the handler runs. Finer checks (list filtering, clone's
 * "and/or" rule, backup storage space) live in the handlers, as in PVE.
 */
public sealed interface Access {

    /** No authentication at all ({@code POST /access/ticket}). */
    record World() implements Access {
    }

    /** Any authenticated user or token; the handler filters or checks further. */
    record Authenticated() implements Access {
    }

    /** Privileges on a path such as {@code /vms/{vmid}}: all of them, or any one when {@code any}. */
    record Privileges(String path, List<String> privileges, boolean any) implements Access {
    }

    static Access world() {
        return new World();
    }

    static Access user() {
        return new Authenticated();
    }

    static Access perm(String path, String... privileges) {
        return new Privileges(path, List.of(privileges), false);
    }

    static Access any(String path, String... privileges) {
        return new Privileges(path, List.of(privileges), true);
    }
}
