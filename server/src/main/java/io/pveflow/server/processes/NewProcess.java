package io.pveflow.server.processes;

/** The document of a new process: an executable process with a start event, laid out for the modeler. */
final class NewProcess {

    private NewProcess() {
    }

    /** {@code key} is a valid process key (no escaping needed); the name is escaped. */
    static String xml(String key, String name) {
        String title = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
                xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" \
                xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
                xmlns:flowable="http://flowable.org/bpmn" \
                xmlns:pveflow="http://pveflow.io/schema/bpmn" \
                id="definitions_%1$s" targetNamespace="http://pveflow.io/processes">
                  <bpmn:process id="%1$s" name="%2$s" isExecutable="true">
                    <bpmn:startEvent id="start" name="Start"/>
                  </bpmn:process>
                  <bpmndi:BPMNDiagram id="diagram_%1$s">
                    <bpmndi:BPMNPlane id="plane_%1$s" bpmnElement="%1$s">
                      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
                        <dc:Bounds x="180" y="160" width="36" height="36"/>
                      </bpmndi:BPMNShape>
                    </bpmndi:BPMNPlane>
                  </bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(key, title);
    }
}
