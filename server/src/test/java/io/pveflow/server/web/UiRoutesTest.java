package io.pveflow.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** Addresses of the UI's pages serve the app shell to signed-in users and send others to the login page. */
class UiRoutesTest extends H2ServerTest {

    @Test
    void servesTheAppShellForUiRoutes() {
        for (String path : new String[] {"/processes", "/processes/demo/nightly", "/processes/demo/nightly/versions/2",
                "/processes/demo/k/compare/1/2", "/library/pveflowSnapshotRotation", "/executions", "/executions/42",
                "/modeler/anything", "/clusters", "/audit", "/inbox", "/inbox/tasks/42"}) {
            TestHttp.Response page = admin().get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("id=\"app\"");
        }
    }

    @Test
    void sendsAnonymousBrowsersToTheLoginPage() {
        TestHttp.Response page = anonymous().get("/processes/demo/nightly");
        assertThat(page.status()).isIn(302, 401);
        if (page.status() == 302) {
            assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
        }
    }

    @Test
    void leavesTheApiAndUnknownAddressesAlone() {
        assertThat(admin().get("/api/clusters").body()).doesNotContain("id=\"app\"");
        assertThat(admin().get("/nothing-here").status()).isEqualTo(404);
    }
}
