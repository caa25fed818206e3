package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pveflow.sim.support.Api;
import io.pveflow.sim.support.TestClusters;

class ValidationTest {

    static PveSimulator sim;
    static Api root;

    @BeforeAll
    static void start() {
        sim = TestClusters.start();
        root = Api.root(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aParameterErrorIs400WithAnErrorsMapAndPvesMessage() {
        Api.Response r = root.get("/nodes/pve1/qemu/abc/status/current");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).isEqualTo("Parameter verification failed.");
        assertThat(r.message()).isEqualTo("Parameter verification failed.\n");
        assertThat(r.error("vmid")).isEqualTo("type check ('integer') failed - got 'abc'");
        assertThat(r.body().get("data").isNull()).isTrue();
    }

    @Test
    void aMissingRequiredParameterIsReported() {
        Api.Response r = root.post("/nodes/pve1/qemu/100/migrate");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("target")).isEqualTo("property is missing and it is not optional");
    }

    @Test
    void anEnumValueOutsideTheListIsReportedWithTheList() {
        Api.Response r = root.get("/nodes/pve1/qemu/100/rrddata", "timeframe", "decade");
        assertThat(r.error("timeframe"))
                .isEqualTo("value 'decade' does not have a value in the enumeration 'hour, day, week, month, year'");
    }

    @Test
    void aFormBooleanMustBeZeroOrOne() {
        Api.Response r = root.post("/nodes/pve1/qemu/100/migrate", "target", "pve2", "online", "true");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("online")).isEqualTo("type check ('boolean') failed - got 'true'");
    }

    @Test
    void aJsonBodyMayCarryRealBooleans() {
        Api.Response r = root.postJson("/nodes/pve3/qemu/103/migrate",
                "{\"target\":\"pve2\",\"online\":\"yes\"}");
        assertThat(r.error("online")).isEqualTo("type check ('boolean') failed - got 'yes'");
        Api.Response ok = root.postJson("/nodes/pve1/qemu/116/snapshot", "{\"snapname\":\"json1\",\"vmstate\":true}");
        assertThat(ok.upid()).contains(":qmsnapshot:116:");
    }

    @Test
    void aValueNotMatchingThePatternIsReported() {
        Api.Response r = root.put("/nodes/pve1/qemu/100/resize", "disk", "scsi0", "size", "10X");
        assertThat(r.error("size")).isEqualTo("value does not match the regex pattern");
    }

    @Test
    void anUnknownParameterIsReported() {
        Api.Response r = root.post("/nodes/pve1/qemu/100/status/start", "bogus", "1");
        assertThat(r.error("bogus"))
                .isEqualTo("property is not defined in schema and the schema does not allow additional properties");
    }

    @Test
    void everyBadParameterIsReportedAtOnce() {
        Api.Response r = root.get("/nodes/pve1/tasks", "limit", "x", "source", "nope", "extra", "1");
        assertThat(r.errors()).containsOnlyKeys("limit", "source", "extra");
    }

    @Test
    void numbersOutOfRangeAndBadFormatsAreReported() {
        assertThat(root.get("/cluster/nextid", "vmid", "99").error("vmid"))
                .isEqualTo("invalid format - value does not look like a valid VM ID\n");
        assertThat(root.get("/nodes/pve1/tasks", "limit", "-1").error("limit"))
                .isEqualTo("value must have a minimum value of 0");
        assertThat(root.post("/nodes/pve1/qemu/100/snapshot", "snapname", "1bad").error("snapname"))
                .isEqualTo("invalid format - invalid configuration ID '1bad'\n");
    }
}
