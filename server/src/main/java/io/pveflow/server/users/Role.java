package io.pveflow.server.users;

/** What a user may do. Per-cluster permissions come with role-based access control later. */
public enum Role {
    /** Manages clusters, users and everything else; may use Flowable's REST API. */
    ADMIN,
    /** Designs, starts and acts on runs. */
    OPERATOR,
    /** Reads processes, runs and history. */
    VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }
}
