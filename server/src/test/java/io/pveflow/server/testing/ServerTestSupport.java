package io.pveflow.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.test.web.server.LocalServerPort;

/** What every test against the running server needs: its address and clients signed in as someone. */
public abstract class ServerTestSupport {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @LocalServerPort
    protected int port;

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public TestHttp admin() {
        return TestHttp.basic(baseUrl(), "admin", ADMIN_PASSWORD);
    }

    public TestHttp anonymous() {
        return TestHttp.anonymous(baseUrl());
    }

    /** Creates (once) a user with the given role and returns a client signed in as that user. */
    public TestHttp userWithRole(String role) {
        String name = role.toLowerCase() + "-user";
        String password = name + "-password";
        TestHttp.Response existing = admin().get("/api/users/" + name);
        if (existing.status() == 404) {
            TestHttp.Response created = admin().postJson("/api/users",
                    Map.of("username", name, "password", password, "roles", Set.of(role)));
            if (created.status() != 201) {
                throw new AssertionError("Could not create test user: " + created.body());
            }
        }
        return TestHttp.basic(baseUrl(), name, password);
    }

    /**
     * Registers (once) a cluster that tests never contact (its processes do no Proxmox steps) and answers its id:
     * for runs, notifiers and approvals of a cluster of their own.
     */
    public String placeholderCluster(String id) {
        if (admin().get("/api/clusters/" + id).status() == 404) {
            TestHttp.Response created = admin().postJson("/api/clusters", Map.of("id", id,
                    "endpoints", List.of("pve1.example.com"), "tokenId", "pveflow@pve!automation",
                    "tokenSecret", "cluster-token-secret-value", "tls", Map.of("mode", "fingerprint", "fingerprint",
                            "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89")));
            if (created.status() != 201) {
                throw new AssertionError("Could not register cluster " + id + ": " + created.body());
            }
        }
        return id;
    }

    protected static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static List<String> lines(String text) {
        return text.lines().toList();
    }
}
