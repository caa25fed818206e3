package io.pveflow.server.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.pveflow.server.PveFlowServer;
import io.pveflow.server.testing.PostgresForTests;

/**
 * Not a test: latency of {@code GET /api/executions} (real HTTP, a signed-in browser session, PostgreSQL) with
 * 100,000 and then 1,000,000 historic runs in the table the list reads, for the filters an operator uses.
 * The runs are written with SQL (5 clusters, 50 processes, 20 users, one run every 30 s going back in time,
 * 2% failed, 4% cancelled, 1% with a business key). Run: {@code mvn -pl server -DskipUi test-compile}, then
 * {@code java -cp <test classpath> io.pveflow.server.bench.ExecutionListBench [requests-per-query]}.
 */
public final class ExecutionListBench {

    private static final String PASSWORD = "bench-admin-password";

    private ExecutionListBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        PostgresForTests.Server pg = PostgresForTests.server();
        String schema = PostgresForTests.newSchema("pveflow_listbench");
        Path data = Files.createTempDirectory("pveflow-listbench-");
        ConfigurableApplicationContext app = SpringApplication.run(PveFlowServer.class, "--server.port=0",
                "--spring.datasource.url=" + pg.jdbcUrl(), "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(), "--pveflow.database.schema=" + schema,
                "--pveflow.data-dir=" + data, "--pveflow.demo.enabled=false", "--pveflow.admin-password=" + PASSWORD,
                "--logging.level.root=WARN");
        try {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = signedIn(base);
            System.out.printf("PostgreSQL: %s; %d requests per query after 20 warm-up requests%n", pg.kind(), requests);
            insert(jdbc, 0, 100_000);
            measure(http, base, 100_000, requests);
            insert(jdbc, 100_000, 1_000_000);
            measure(http, base, 1_000_000, requests);
        } finally {
            app.close();
            PostgresForTests.dropSchema(schema);
        }
    }

    private static void insert(JdbcClient jdbc, int from, int to) {
        long started = System.nanoTime();
        for (int chunk = from; chunk < to; chunk += 100_000) {
            jdbc.sql("""
                    INSERT INTO execution (id, cluster_id, process_key, process_name, process_definition_id, version, business_key,
                        started_by, started_via, state, created_at, started_at, ended_at, message, exclusive_run, expires_at)
                    SELECT 'bench-' || g, 'c' || (g % 5), 'process' || (g % 50), 'Process ' || (g % 50),
                        'process' || (g % 50) || ':1:bench', 1 + g % 3,
                        CASE WHEN g % 100 = 0 THEN 'change-' || g END, 'user' || (g % 20),
                        CASE WHEN g % 3 = 0 THEN 'ui' ELSE 'api' END,
                        CASE WHEN g % 50 = 0 THEN 'failed' WHEN g % 25 = 1 THEN 'cancelled' ELSE 'completed' END,
                        now() - g * interval '30 seconds', now() - g * interval '30 seconds',
                        now() - g * interval '30 seconds' + interval '95 seconds',
                        CASE WHEN g % 50 = 0 THEN 'Proxmox task failed' END, false, now() + interval '3650 days'
                    FROM generate_series(?, ?) AS g
                    """).params(chunk, Math.min(chunk + 100_000, to) - 1).update();
        }
        jdbc.sql("ANALYZE execution").update();
        System.out.printf("%n%,d runs in the table (%,d written in %.1f s)%n", to, to - from, (System.nanoTime() - started) / 1e9);
    }

    private static void measure(HttpClient http, String base, int total, int requests) throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("newest 50, no filter", "/api/executions");
        queries.put("one cluster", "/api/executions?cluster=c3");
        queries.put("cluster + process", "/api/executions?cluster=c3&process=process13");
        queries.put("status=failed", "/api/executions?status=failed");
        queries.put("cluster + status=failed", "/api/executions?cluster=c2&status=failed");
        queries.put("status=running (live)", "/api/executions?status=running");
        queries.put("started by", "/api/executions?startedBy=user7");
        queries.put("one day, one cluster", "/api/executions?cluster=c1&from=" + iso(-3) + "&to=" + iso(-2));
        queries.put("business key", "/api/executions?businessKey=change-" + (total / 2 / 100 * 100));
        queries.put("page 20 of one cluster", "/api/executions?cluster=c4&page=20");
        System.out.printf("%-26s %8s %8s %8s%n", "query (" + String.format("%,d", total) + " runs)", "p50 ms", "p95 ms", "max ms");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < requests + 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + query.getValue()))
                        .header("X-Requested-With", "XMLHttpRequest").GET().build(), HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t0) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query.getValue() + " answered " + response.statusCode() + ": " + response.body());
                }
                if (i >= 20) {
                    millis.add(ms);
                }
            }
            millis.sort(Double::compare);
            System.out.printf("%-26s %8.1f %8.1f %8.1f%n", query.getKey(), millis.get(millis.size() / 2),
                    millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1));
        }
    }

    private static String iso(int days) {
        return java.time.Instant.now().plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** A browser-like session: the login form with its CSRF token, then the session cookie on every request. */
    private static HttpClient signedIn(String base) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie")).getValue();
        String form = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.headers().map());
        }
        return http;
    }
}
