package io.pveflow.server.lockdown;

import java.nio.charset.StandardCharsets;

/** Small BPMN documents for tests: a process body wrapped in definitions with the Flowable namespace. */
final class Bpmn {

    private Bpmn() {
    }

    static byte[] process(String id, String body) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                             xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             targetNamespace="http://pveflow.io/test">
                  <process id="%s" isExecutable="true">
                %s
                  </process>
                </definitions>
                """.formatted(id, body)).getBytes(StandardCharsets.UTF_8);
    }

    /** start -> element 'step' -> end. */
    static byte[] oneStep(String id, String step) {
        return process(id, """
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
                    %s
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end"/>
                    <endEvent id="end"/>
                """.formatted(step));
    }
}
