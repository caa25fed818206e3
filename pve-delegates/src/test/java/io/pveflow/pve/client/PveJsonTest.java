package io.pveflow.pve.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.pveflow.pve.client.http.PveJson;
import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.NodeInfo;
import io.pveflow.pve.client.model.TaskStatus;

/** Answers are read leniently: numbers as strings, booleans as 0/1, unknown fields ignored. */
class PveJsonTest {

    @Test
    void numbersMayBeStringsAndBooleansZeroOrOne() throws Exception {
        ClusterResource r = PveJson.mapper().readValue("""
                {"id":"qemu/100","type":"qemu","node":"pve1","vmid":"100","template":1,"shared":"0",
                 "maxmem":"4294967296","cpu":"0.25","uptime":12.0,"brand-new-field":{"x":1}}""",
                ClusterResource.class);

        assertThat(r.vmid()).isEqualTo(100);
        assertThat(r.isTemplate()).isTrue();
        assertThat(r.shared()).isFalse();
        assertThat(r.maxmem()).isEqualTo(4294967296L);
        assertThat(r.cpu()).isEqualTo(0.25);
        assertThat(r.uptime()).isEqualTo(12L);
        assertThat(r.guest()).isEqualTo(GuestRef.qemu("pve1", 100));
    }

    @Test
    void underscoreFieldsMapToJavaNames() throws Exception {
        NodeInfo n = PveJson.mapper().readValue("{\"node\":\"pve1\",\"status\":\"online\",\"ssl_fingerprint\":\"AB:CD\"}",
                NodeInfo.class);

        assertThat(n.sslFingerprint()).isEqualTo("AB:CD");
        assertThat(n.isOnline()).isTrue();
    }

    @Test
    void taskStatusKnowsSuccessAndFailure() throws Exception {
        TaskStatus ok = PveJson.mapper().readValue("{\"status\":\"stopped\",\"exitstatus\":\"WARNINGS: 1\"}",
                TaskStatus.class);
        TaskStatus failed = PveJson.mapper().readValue("{\"status\":\"stopped\",\"exitstatus\":\"VM is locked (backup)\"}",
                TaskStatus.class);
        TaskStatus running = PveJson.mapper().readValue("{\"status\":\"running\",\"pid\":\"42\"}", TaskStatus.class);

        assertThat(ok.isSuccess()).isTrue();
        assertThat(ok.errorCode()).isNull();
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.errorCode()).isEqualTo(PveErrorCode.LOCKED);
        assertThat(running.isRunning()).isTrue();
        assertThat(running.pid()).isEqualTo(42L);
    }
}
