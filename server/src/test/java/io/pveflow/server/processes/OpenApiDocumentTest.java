package io.pveflow.server.processes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** The OpenAPI document of /api and its UI are there for signed-in users only. */
class OpenApiDocumentTest extends H2ServerTest {

    @Test
    void theDocumentDescribesTheProcessesApiForSignedInUsers() {
        assertThat(anonymous().get("/api/openapi.json").status()).isEqualTo(401);
        TestHttp.Response document = userWithRole("VIEWER").get("/api/openapi.json");
        assertThat(document.status()).as(document.body()).isEqualTo(200);
        assertThat(document.json().path("openapi").asText()).startsWith("3.");
        assertThat(document.json().path("paths").has("/api/clusters/{clusterId}/processes/{key}/publish")).isTrue();
        assertThat(document.json().path("paths").has("/api/library")).isTrue();
        assertThat(document.json().path("paths").path("/api/clusters/{clusterId}/processes/{key}/publish").path("post")
                .path("summary").asText()).contains("Deploy the draft");
        assertThat(document.body()).doesNotContain("/process-api");
    }

    @Test
    void theUiNeedsASignedInUser() {
        TestHttp.Response anonymousUi = anonymous().get("/api/docs");
        assertThat(anonymousUi.status()).isEqualTo(401);
        TestHttp.Response ui = userWithRole("VIEWER").get("/api/docs");
        assertThat(ui.status()).as(ui.body()).isIn(200, 302);
        String page = ui.status() == 302 ? userWithRole("VIEWER").get(ui.headers().firstValue("Location").orElseThrow()
                .replaceFirst("^https?://[^/]+", "")).body() : ui.body();
        assertThat(page).contains("swagger-ui");
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isIn(302, 401);
    }
}
