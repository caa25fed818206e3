package io.pveflow.server.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.pveflow.server.testing.H2ServerTest;
import io.pveflow.server.testing.TestHttp;

/** PVE activities are checked against the catalogue at deploy: a 400 names the element and the field. */
class CatalogRulesTest extends H2ServerTest {

    private static byte[] process(String task) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://pveflow.io/test">
                  <process id="catalogCheck" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="snap"/>
                    %s
                    <sequenceFlow id="f2" sourceRef="snap" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""".formatted(task.replace('\'', '"'))).getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String name, String value) {
        return "<flowable:field name='" + name + "'><flowable:string>" + value + "</flowable:string></flowable:field>";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing required field | pveSnapshotCreate | true  | vmid=100                    | required field 'snapname' is missing",
            "unknown field          | pveSnapshotCreate | true  | vmid=100,snapname=a1,colour=red | unknown field 'colour'",
            "pattern                | pveSnapshotCreate | true  | vmid=100,snapname=1bad      | field 'snapname' '1bad' does not match",
            "enumeration            | pvePowerAction    | true  | vmid=100,action=explode     | field 'action' 'explode' is not one of start, stop",
            "integer                | pvePowerAction    | true  | vmid=abc,action=start       | field 'vmid' 'abc' is not a whole number",
            "duration               | pvePowerAction    | true  | vmid=100,action=start,timeout=10m | field 'timeout' '10m' is not an ISO-8601 duration",
            "not triggerable        | pvePowerAction    | false | vmid=100,action=start       | needs flowable:triggerable",
    })
    void refusesWhatTheCatalogueDoesNotAllow(String name, String bean, boolean triggerable, String fields, String message) {
        StringBuilder xml = new StringBuilder();
        for (String pair : fields.split(",")) {
            String[] kv = pair.split("=", 2);
            xml.append(field(kv[0], kv[1]));
        }
        byte[] bpmn = process("<serviceTask id='snap' flowable:delegateExpression='${" + bean + "}'"
                + (triggerable ? " flowable:triggerable='true'" : "") + "><extensionElements>" + xml + "</extensionElements></serviceTask>");
        TestHttp.Response response = admin().postFile("/process-api/repository/deployments", "c.bpmn20.xml", bpmn,
                Map.of("tenantId", "demo"));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("element 'snap' (" + bean + ")").contains(message);
    }

    @Test
    void acceptsExpressionsScriptsAndWaitFalseWithoutTriggerable() {
        byte[] bpmn = process("<serviceTask id='snap' flowable:delegateExpression='${pveSnapshotCreate}'><extensionElements>"
                + field("vmid", "${vmid}") + field("snapname", "js{ 'auto-' + vmid }") + field("wait", "false")
                + "</extensionElements></serviceTask>");
        TestHttp.Response response = admin().postFile("/process-api/repository/deployments", "ok.bpmn20.xml", bpmn,
                Map.of("tenantId", "demo"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
}
