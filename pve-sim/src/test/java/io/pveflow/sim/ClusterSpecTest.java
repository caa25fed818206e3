package io.pveflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.pveflow.sim.spec.ClusterGenerator;
import io.pveflow.sim.spec.ClusterSpec;
import io.pveflow.sim.support.Api;

class ClusterSpecTest {

    @Test
    void theDemoClusterHasThreeNodesAboutTwentyGuestsHaAndReplication() {
        ClusterSpec demo = ClusterSpec.demo();
        assertThat(demo.nodes()).extracting(n -> n.name()).containsExactly("pve1", "pve2", "pve3");
        assertThat(demo.guests()).hasSizeBetween(18, 25);
        assertThat(demo.guests()).anyMatch(g -> g.template());
        assertThat(demo.guests()).anyMatch(g -> g.type().equals("lxc"));
        assertThat(demo.ha()).isNotEmpty();
        assertThat(demo.replication()).isNotEmpty();
        assertThat(demo.timings().taskMillis()).isEqualTo(3000L);
    }

    @Test
    void aClusterFileMayBeJson() {
        String json = """
                {"name":"tiny","nodes":[{"name":"n1"}],
                 "storages":[{"id":"local","type":"dir","content":["images","backup"]}],
                 "guests":[{"vmid":100,"node":"n1","disks":{"scsi0":"local:10G"},"status":"running"}],
                 "tokens":[{"id":"root@pam!t","secret":"s","privsep":false}]}
                """;
        ClusterSpec spec = ClusterSpec.parseJson(json);
        try (PveSimulator sim = PveSimulator.builder().cluster(spec).port(0).start()) {
            Api api = Api.token(sim, "root@pam!t", "s");
            assertThat(api.get("/nodes/n1/qemu/100/config").data().get("scsi0").asText())
                    .isEqualTo("local:100/vm-100-disk-0.qcow2,iothread=1,size=10G");
        }
    }

    @Test
    void aTypoInAClusterFileFailsLoudly() {
        assertThatThrownBy(() -> ClusterSpec.parseJson("{\"nodez\":[]}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGeneratorIsDeterministic() {
        ClusterSpec a = ClusterGenerator.generate(4, 100, 3L);
        ClusterSpec b = ClusterGenerator.generate(4, 100, 3L);
        assertThat(a.toJson()).isEqualTo(b.toJson());
        assertThat(a.guests()).hasSize(100);
    }
}
