package io.pveflow.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pveflow.pve.client.model.ClusterResource;
import io.pveflow.pve.client.model.Snapshot;
import io.pveflow.server.activities.ActivityTestSupport;

/**
 * The shipped library, deployed at start into the default tenant and run for the demo cluster: snapshot
 * rotation (tag "ci": VMs 107, 108 and CT 115) and safe change with rollback (VM 118).
 */
class LibraryProcessesTest extends ActivityTestSupport {

    @Autowired
    LibraryDeployer deployer;

    private String startLibrary(String key, Map<String, Object> variables) {
        return runtime.createProcessInstanceBuilder().processDefinitionKey(key).tenantId("demo")
                .fallbackToDefaultTenant().overrideProcessDefinitionTenantId("demo").variables(variables).start().getId();
    }

    private List<String> rotationSnapshots(int vmid) {
        return pve().snapshots().list(guestRef(vmid)).stream().map(Snapshot::name).filter(n -> n.startsWith("auto-")).toList();
    }

    @Test
    void isDeployedOnceIntoTheSharedLibrary() {
        long before = repository.createDeploymentQuery().deploymentName(LibraryDeployer.DEPLOYMENT_NAME).count();
        deployer.afterSingletonsInstantiated();
        assertThat(repository.createDeploymentQuery().deploymentName(LibraryDeployer.DEPLOYMENT_NAME).count())
                .as("an unchanged library is not deployed again").isEqualTo(before).isEqualTo(1);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionWithoutTenantId().list())
                .extracting(d -> d.getKey()).contains("pveflowSnapshotRotation", "pveflowSafeChange");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rotatesSnapshotsOfTaggedGuestsKeepingTheNewest() throws Exception {
        List<Integer> tagged = pve().cluster().resources(io.pveflow.pve.client.ClusterApi.ResourceType.VM).stream()
                .filter(r -> r.tags() != null && List.of(r.tags().split(";")).contains("ci")).map(ClusterResource::vmid).toList();
        assertThat(tagged).contains(107, 115);
        for (int round = 0; round < 3; round++) {
            Map<String, Object> vars = awaitEnd(startLibrary("pveflowSnapshotRotation", Map.of("tag", "ci", "keep", 2)));
            assertThat(vars.get("$end")).as(vars.toString()).isEqualTo("end");
            assertThat((List<Object>) vars.get("rotated")).containsExactlyInAnyOrderElementsOf(tagged);
            Thread.sleep(1100); // snapshot names carry the second
        }
        tagged.forEach(vmid -> assertThat(rotationSnapshots(vmid)).as("guest " + vmid).hasSize(2));

        Map<String, Object> full = awaitEnd(startLibrary("pveflowSnapshotRotation", Map.of("tag", "ci", "threshold", 0.0001)));
        assertThat((List<Object>) full.get("rotated")).as("every guest's storage is above 0.01%").isEmpty();
        assertThat((List<Object>) full.get("skipped")).hasSize(tagged.size());
        assertThat(rotationSnapshots(107)).hasSize(2);
    }

    @Test
    void keepsAGoodChangeAndRollsBackABadOne() throws Exception {
        deployChange("demoChangeOk", "<scriptTask id=\"step\" scriptFormat=\"javascript\"><script>execution.setVariable('changed', true)</script></scriptTask>");
        deployChange("demoChangeBreaks", """
                <serviceTask id="step" flowable:delegateExpression="${pvePowerAction}" flowable:triggerable="true">
                  <extensionElements>
                    <flowable:field name="vmid"><flowable:expression>${vmid}</flowable:expression></flowable:field>
                    <flowable:field name="action"><flowable:string>stop</flowable:string></flowable:field>
                  </extensionElements>
                </serviceTask>""");

        Map<String, Object> good = awaitEnd(startLibrary("pveflowSafeChange", Map.of("vmid", 118, "changeProcess", "demoChangeOk")));
        assertThat(good.get("outcome")).as(good.toString()).isEqualTo("changed");

        Map<String, Object> bad = awaitEnd(startLibrary("pveflowSafeChange", Map.of("vmid", 118, "changeProcess", "demoChangeBreaks")));
        assertThat(bad.get("outcome")).as(bad.toString()).isEqualTo("rolled-back");
        assertThat(pve().guests().status(guestRef(118)).status()).as("rolled back and started again").isEqualTo("running");
        assertThat(pve().snapshots().list(guestRef(118))).anyMatch(s -> s.name().equals(bad.get("safetySnapshot")));
    }

    private void deployChange(String key, String step) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="%s" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
                    %s
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""".formatted(key, step);
        repository.createDeployment().tenantId("demo").addBytes(key + ".bpmn20.xml", bpmn.getBytes(StandardCharsets.UTF_8)).deploy();
    }
}
