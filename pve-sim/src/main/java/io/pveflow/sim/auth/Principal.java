package io.pveflow.sim.auth;

/**
 * Who is calling: a user ({@code root@pam}) logged in with a ticket, or one of its API tokens
 * ({@code root@pam!ci}). {@link #id()} is what goes into a task's UPID.
 */
public record Principal(String userid, String tokenName, boolean viaTicket) {

    public static Principal user(String userid) {
        return new Principal(userid, null, true);
    }

    public static Principal token(String userid, String tokenName) {
        return new Principal(userid, tokenName, false);
    }

    public boolean isToken() {
        return tokenName != null;
    }

    /** {@code user@realm} or {@code user@realm!tokenid}. */
    public String id() {
        return tokenName == null ? userid : userid + "!" + tokenName;
    }
}
