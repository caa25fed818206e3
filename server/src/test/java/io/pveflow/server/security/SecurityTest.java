package io.pveflow.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** Who may reach what: public assets, session login with CSRF for the browser, Basic for scripts, roles. */
class SecurityTest extends H2ServerTest {

    /** A browser: keeps cookies, does not follow redirects. */
    private final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(baseUrl() + path));
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            send(request("/login").GET());
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(cookie("XSRF-TOKEN"));
            return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    @Test
    void servesTheLoginPageAssetsAndHealthWithoutSignIn() {
        TestHttp.Response login = anonymous().get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("Sign in");
        assertThat(anonymous().get("/favicon.svg").status()).isEqualTo(200);
        TestHttp.Response health = anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.body()).as("no details for anonymous callers").doesNotContain("diskSpace");
    }

    @Test
    void protectsMetricsAndTheEngineApiForAdminsOnly() {
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        TestHttp viewer = userWithRole("VIEWER");
        assertThat(viewer.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(viewer.get("/process-api/repository/deployments").status()).isEqualTo(403);
        TestHttp.Response metrics = admin().get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }

    @Test
    void challengesScriptsWithBasicButNotTheBrowserUi() {
        TestHttp.Response script = anonymous().get("/api/clusters");
        assertThat(script.status()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"PVEFlow\"");
        assertThat(script.json().path("message").asText()).contains("Authentication required");
        TestHttp.Response ui = anonymous().send(anonymous().request("/api/clusters").header("X-Requested-With", "XMLHttpRequest"));
        assertThat(ui.status()).isEqualTo(401);
        assertThat(ui.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(TestHttp.basic(baseUrl(), "admin", "wrong-password").get("/api/clusters").status()).isEqualTo(401);
    }

    @Test
    void signsInWithAFormAndRequiresTheCsrfTokenOnChanges() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.login("admin", ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        HttpResponse<String> me = browser.send(browser.request("/api/me").header("X-Requested-With", "XMLHttpRequest"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"admin\"");

        String body = "{\"id\":\"csrf-check\",\"endpoints\":[\"pve1\"],\"tokenId\":\"a@pve!b\",\"tokenSecret\":\"s\","
                + "\"tls\":{\"mode\":\"system\"}}";
        HttpResponse<String> withoutToken = browser.send(browser.request("/api/clusters")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("CSRF");

        HttpResponse<String> withToken = browser.send(browser.request("/api/clusters")
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
        assertThat(admin().delete("/api/clusters/csrf-check").status()).isEqualTo(204);
    }

    @Test
    void refusesAWrongPasswordAtTheForm() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.login("admin", "not-the-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(browser.send(browser.request("/api/me")).statusCode()).isEqualTo(401);
    }

    @Test
    void keepsTheLastAdmin() {
        TestHttp.Response demote = admin().putJson("/api/users/admin", java.util.Map.of("roles", java.util.Set.of("VIEWER")));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().path("message").asText()).contains("last enabled admin");
        assertThat(admin().delete("/api/users/admin").status()).isEqualTo(409);
        TestHttp.Response list = admin().get("/api/users");
        assertThat(list.body()).doesNotContain("password").doesNotContain("$2a$");
    }
}
