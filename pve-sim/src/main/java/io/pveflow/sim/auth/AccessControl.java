package io.pveflow.sim.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.spec.TokenSpec;
import io.pveflow.sim.spec.UserSpec;

/**
 * Authentication and privileges as pve-access-control does them: API tokens, signed tickets with a CSRF
 * token, and ACLs. Tickets are {@code PVE:user@realm:HEXTIME::SIGNATURE}, signed with a key made at start.
 */
public final class AccessControl {

    private static final Pattern TOKEN_HEADER = Pattern.compile("PVEAPIToken[= ]([^\\s!=]+@[^\\s!=]+)!([^\\s=]+)=(\\S+)");
    private static final Pattern TICKET = Pattern.compile("PVE:([^:]+):([0-9A-Fa-f]{8})::(\\S+)");
    private static final Pattern CSRF = Pattern.compile("([0-9A-Fa-f]{8}):(\\S+)");
    private static final String ROOT = "root@pam";

    private final String clusterName;
    private final long ticketLifetimeSeconds;
    private final byte[] key = new byte[32];
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Acl> userAcls = new HashMap<>();
    private final Map<String, TokenEntry> tokens = new HashMap<>();

    private record TokenEntry(String secret, boolean privsep, Acl acl) {
    }

    public AccessControl(ClusterSpec spec) {
        this.clusterName = spec.name();
        this.ticketLifetimeSeconds = spec.timings().ticketLifetimeSeconds();
        new SecureRandom().nextBytes(key);
        userAcls.put(ROOT, Acl.everything());
        for (UserSpec user : spec.users()) {
            if (user.password() != null) {
                passwords.put(user.userid(), user.password());
            }
            if (!user.userid().equals(ROOT)) {
                userAcls.put(user.userid(), Acl.of(user.acl()));
            }
        }
        for (TokenSpec token : spec.tokens()) {
            tokens.put(token.id(), new TokenEntry(token.secret(), token.privsep(), Acl.of(token.acl())));
            userAcls.putIfAbsent(token.user(), Acl.of(List.of()));
        }
    }

    // --- authentication -------------------------------------------------------------------------------

    /**
     * Who is calling, from the {@code Authorization} header or the {@code PVEAuthCookie} ticket. Ticket
     * callers need a valid {@code CSRFPreventionToken} on every non-GET request; token callers never do.
     */
    public Principal authenticate(String method, String authorization, String ticket, String csrfToken) {
        if (authorization != null && authorization.startsWith("PVEAPIToken")) {
            Matcher m = TOKEN_HEADER.matcher(authorization.trim());
            if (!m.matches()) {
                throw new AuthException(401, "invalid token value!");
            }
            String id = m.group(1) + "!" + m.group(2);
            TokenEntry entry = tokens.get(id);
            if (entry == null) {
                throw new AuthException(401, "no such token '" + m.group(2) + "' for user '" + m.group(1) + "'");
            }
            if (!MessageDigest.isEqual(entry.secret().getBytes(StandardCharsets.UTF_8),
                    m.group(3).getBytes(StandardCharsets.UTF_8))) {
                throw new AuthException(401, "invalid token value!");
            }
            return Principal.token(m.group(1), m.group(2));
        }
        if (ticket == null || ticket.isEmpty()) {
            throw new AuthException(401, "No ticket");
        }
        String user = verifyTicket(ticket);
        if (user == null) {
            throw new AuthException(401, "permission denied - invalid PVE ticket");
        }
        if (!method.equals("GET") && !verifyCsrf(user, csrfToken)) {
            throw new AuthException(401, "invalid csrf token");
        }
        return Principal.user(user);
    }

    /**
     * {@code POST /access/ticket}: checks the password (or, to renew, a still valid ticket passed as the
     * password) and returns a new ticket.
     */
    public Map<String, Object> login(String username, String password, String realm) {
        String user = username.contains("@") ? username : username + "@" + (realm == null ? "pam" : realm);
        boolean ok;
        if (password.startsWith("PVE:")) {
            ok = user.equals(verifyTicket(password));
        } else {
            String expected = passwords.get(user);
            ok = expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        if (!ok) {
            throw new AuthException(401, "authentication failure");
        }
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("username", user);
        result.put("ticket", ticket(user, now));
        result.put("CSRFPreventionToken", csrf(user, now));
        result.put("clustername", clusterName);
        result.put("cap", capabilities(Principal.user(user)));
        return result;
    }

    String ticket(String user, long time) {
        String data = "PVE:" + user + ":" + String.format("%08X", time);
        return data + "::" + sign(data);
    }

    private String csrf(String user, long time) {
        String ts = String.format("%08X", time);
        return ts + ":" + sign(ts + ":" + user).substring(0, 43);
    }

    private String verifyTicket(String ticket) {
        Matcher m = TICKET.matcher(ticket.trim());
        if (!m.matches()) {
            return null;
        }
        String data = "PVE:" + m.group(1) + ":" + m.group(2);
        if (!MessageDigest.isEqual(sign(data).getBytes(StandardCharsets.UTF_8),
                m.group(3).getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(m.group(2), 16);
        // PVE accepts tickets up to 5 min from the future (clock skew) and up to the lifetime old
        return age >= -300 && age <= ticketLifetimeSeconds ? m.group(1) : null;
    }

    private boolean verifyCsrf(String user, String token) {
        if (token == null) {
            return false;
        }
        Matcher m = CSRF.matcher(token.trim());
        if (!m.matches()) {
            return false;
        }
        String expected = sign(m.group(1) + ":" + user).substring(0, 43);
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(m.group(1), 16);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                m.group(2).getBytes(StandardCharsets.UTF_8)) && age >= -300 && age <= ticketLifetimeSeconds;
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- privileges -----------------------------------------------------------------------------------

    /** root@pam, or one of its tokens without privilege separation: may do anything, no ACL walk needed. */
    public boolean superuser(Principal principal) {
        if (!principal.userid().equals(ROOT)) {
            return false;
        }
        if (!principal.isToken()) {
            return true;
        }
        TokenEntry token = tokens.get(principal.id());
        return token != null && !token.privsep();
    }

    /** Privileges on a path. A privilege-separated token has its own ACL, limited by its user's. */
    public Set<String> privileges(Principal principal, String path) {
        Acl userAcl = userAcls.getOrDefault(principal.userid(), Acl.of(List.of()));
        Set<String> userPrivileges = userAcl.privileges(path);
        if (!principal.isToken()) {
            return userPrivileges;
        }
        TokenEntry token = tokens.get(principal.id());
        if (token == null) {
            return Set.of();
        }
        if (!token.privsep()) {
            return userPrivileges;
        }
        Set<String> result = new HashSet<>(token.acl().privileges(path));
        result.retainAll(userPrivileges);
        return result;
    }

    /**
     * {@code GET /access/permissions}: the caller's privileges per ACL path (every path with an entry of the
     * user or token), or on one path; a superuser has everything on {@code /}.
     */
    public Map<String, Set<String>> permissions(Principal principal, String onlyPath) {
        Map<String, Set<String>> result = new java.util.TreeMap<>();
        if (superuser(principal)) {
            result.put(onlyPath == null ? "/" : Acl.normalize(onlyPath), new java.util.TreeSet<>(Roles.ALL_PRIVILEGES));
            return result;
        }
        Set<String> paths = new java.util.TreeSet<>();
        if (onlyPath != null) {
            paths.add(Acl.normalize(onlyPath));
        } else {
            paths.addAll(userAcls.getOrDefault(principal.userid(), Acl.of(List.of())).paths());
            TokenEntry token = principal.isToken() ? tokens.get(principal.id()) : null;
            if (token != null) {
                paths.addAll(token.acl().paths());
            }
        }
        for (String path : paths) {
            Set<String> privileges = privileges(principal, path);
            if (!privileges.isEmpty()) {
                result.put(path, new java.util.TreeSet<>(privileges));
            }
        }
        return result;
    }

    /** Privileges on a guest: those on {@code /vms/ID} plus those on its pool, as PVE merges them. */
    public Set<String> guestPrivileges(Principal principal, int vmid, String pool) {
        if (superuser(principal)) {
            return new HashSet<>(Roles.ALL_PRIVILEGES);
        }
        Set<String> result = new HashSet<>(privileges(principal, "/vms/" + vmid));
        if (pool != null) {
            result.addAll(privileges(principal, "/pool/" + pool));
        }
        return result;
    }

    public boolean has(Principal principal, String path, String privilege) {
        if (superuser(principal)) {
            return true;
        }
        return privileges(principal, path).contains(privilege);
    }

    /** Throws 403 {@code Permission check failed (path, privs)} unless all (or, with any, one) are granted. */
    public void check(Principal principal, String path, List<String> privileges, boolean any, Set<String> granted) {
        Set<String> have = granted != null ? granted : privileges(principal, path);
        boolean ok = any ? privileges.stream().anyMatch(have::contains) : have.containsAll(privileges);
        if (!ok) {
            if (any) {
                throw AuthException.forbidden(path, String.join("|", privileges));
            }
            String missing = privileges.stream().filter(p -> !have.contains(p)).findFirst().orElse(privileges.get(0));
            throw AuthException.forbidden(path, missing);
        }
    }

    /** The {@code cap} object of a login answer: privileges per top-level area. */
    private Map<String, Object> capabilities(Principal principal) {
        Map<String, Object> cap = new TreeMap<>();
        Map<String, String> areas = Map.of("vms", "/vms", "storage", "/storage", "access", "/access",
                "nodes", "/nodes", "dc", "/", "sdn", "/sdn", "mapping", "/mapping");
        for (Map.Entry<String, String> area : areas.entrySet()) {
            Map<String, Integer> privileges = new TreeMap<>();
            for (String p : privileges(principal, area.getValue())) {
                privileges.put(p, 1);
            }
            cap.put(area.getKey(), privileges);
        }
        return cap;
    }
}
