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
        // a page for the browser: a stranger goes to the login form, never to a Basic password dialog
        TestHttp.Response anonymousUi = asBrowser("/api/docs");
        assertThat(anonymousUi.status()).isEqualTo(302);
        assertThat(anonymousUi.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(anonymousUi.headers().firstValue("WWW-Authenticate")).isEmpty();
        TestHttp.Response ui = userWithRole("VIEWER").get("/api/docs");
        assertThat(ui.status()).as(ui.body()).isEqualTo(302);
        assertThat(ui.headers().firstValue("Location").orElse("")).endsWith("/api/swagger-ui/index.html");
        TestHttp.Response page = userWithRole("VIEWER").get("/api/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js");
        TestHttp.Response anonymousPage = asBrowser("/api/swagger-ui/index.html");
        assertThat(anonymousPage.status()).isEqualTo(302);
        assertThat(anonymousPage.body()).doesNotContain("swagger");
    }

    private TestHttp.Response asBrowser(String path) {
        TestHttp browser = anonymous();
        return browser.send(browser.request(path).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
    }
}
