package io.pveflow.pve.client;

import java.util.Objects;

/**
 * How the client authenticates: an API token (preferred for automation: no CSRF token, no expiry handling) or a
 * user name and password (the client logs in for a ticket and renews it). {@code toString()} never shows a secret.
 */
public sealed interface PveCredentials {

    /** {@code user@realm!tokenid} and its secret (a UUID). */
    static PveCredentials apiToken(String tokenId, String secret) {
        return new ApiToken(tokenId, secret);
    }

    /** {@code user@realm} and password, for {@code POST /access/ticket}. */
    static PveCredentials password(String username, String password) {
        return new Password(username, password);
    }

    /** The user (token: {@code user@realm!tokenid}) the credentials act as. */
    String principal();

    record ApiToken(String tokenId, String secret) implements PveCredentials {
        public ApiToken {
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(secret, "secret");
            if (!tokenId.matches("[^\\s!=@]+@[^\\s!=@]+![^\\s!=]+")) {
                throw new IllegalArgumentException("an API token id looks like user@realm!tokenid, got '" + tokenId + "'");
            }
        }

        @Override
        public String principal() {
            return tokenId;
        }

        @Override
        public String toString() {
            return "ApiToken[" + tokenId + ", secret=****]";
        }
    }

    record Password(String username, String password) implements PveCredentials {
        public Password {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String principal() {
            return username;
        }

        @Override
        public String toString() {
            return "Password[" + username + ", password=****]";
        }
    }
}
