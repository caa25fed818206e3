package io.pveflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** Clusters and notifiers for the notification tests, over the real HTTP API. */
abstract class NotificationTestSupport extends H2ServerTest {

    String cluster(String id) {
        return placeholderCluster(id);
    }

    JsonNode addNotifier(String clusterId, String name, String type, Map<String, Object> settings) {
        TestHttp.Response created = admin().postJson("/api/clusters/" + clusterId + "/notifiers",
                Map.of("name", name, "type", type, "settings", settings));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    JsonNode test(String clusterId, String name) {
        TestHttp.Response answer = admin().postJson("/api/clusters/" + clusterId + "/notifiers/" + name + "/test", "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    JsonNode delivery(String clusterId, String id) {
        TestHttp.Response answer = admin().get("/api/clusters/" + clusterId + "/notifications/" + id);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Waits until a delivery of the cluster matches, and answers it. */
    JsonNode awaitDelivery(String clusterId, Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = admin().get("/api/clusters/" + clusterId + "/notifications?limit=500").json();
            for (JsonNode delivery : last) {
                if (matching.test(delivery)) {
                    return delivery;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No matching delivery within " + timeout + "; deliveries: " + last);
    }
}
