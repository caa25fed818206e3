package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.H2ServerTest;

/** The modeler's pickers read the live cluster. */
class PickersTest extends H2ServerTest {

    @Test
    void offersNodesGuestsStoragesSnapshotsAndHaResources() {
        assertThat(userWithRole("VIEWER").get("/api/clusters/demo/pickers/nodes").json().findValuesAsText("value"))
                .containsExactlyInAnyOrder("pve1", "pve2", "pve3");
        JsonNode guests = admin().get("/api/clusters/demo/pickers/guests?node=pve1").json();
        assertThat(guests.size()).isGreaterThan(2);
        guests.forEach(g -> assertThat(g.path("details").path("node").asText()).isEqualTo("pve1"));
        assertThat(admin().get("/api/clusters/demo/pickers/storages").json().findValuesAsText("value")).contains("local-lvm");
        assertThat(admin().get("/api/clusters/demo/pickers/storages?node=pve1").json().get(0).path("label").asText()).contains("% used");
        assertThat(admin().get("/api/clusters/demo/pickers/haResources").json().findValuesAsText("value")).contains("vm:100");
        JsonNode snapshots = admin().get("/api/clusters/demo/pickers/snapshots?vmid=102").json();
        assertThat(snapshots.isArray()).isTrue();
        assertThat(snapshots.findValuesAsText("value")).doesNotContain("current");
    }

    @Test
    void explainsBadRequests() {
        assertThat(admin().get("/api/clusters/demo/pickers/colours").status()).isEqualTo(404);
        assertThat(admin().get("/api/clusters/demo/pickers/snapshots").json().path("message").asText()).contains("needs ?vmid=");
        assertThat(admin().get("/api/clusters/nowhere/pickers/nodes").status()).isEqualTo(404);
        assertThat(anonymous().get("/api/clusters/demo/pickers/nodes").status()).isEqualTo(401);
    }
}
