package io.pveflow.server.approvals;

import java.util.Set;

/** Who acts on tasks: the signed-in user, the candidate groups they belong to, and whether they are an admin. */
record Caller(String user, Set<String> groups, boolean admin) {
}
