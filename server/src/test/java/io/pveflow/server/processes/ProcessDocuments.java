package io.pveflow.server.processes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.pveflow.server.testing.ServerTestSupport;
import io.pveflow.server.testing.TestHttp;

/** BPMN documents and cluster setup shared by the processes tests. */
final class ProcessDocuments {

    private ProcessDocuments() {
    }

    /** A runnable process: start, one user task, end; {@code extra} goes inside the process element. */
    static String approval(String key, String name, String extra) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             xmlns:pveflow="http://pveflow.io/schema/bpmn" targetNamespace="http://pveflow.io/test">
                  <process id="%s" name="%s" isExecutable="true">
                    %s
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
                    <userTask id="approve" name="Approve"/>
                    <sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """.formatted(key, name, extra);
    }

    /** Adds a cluster served by nothing (the processes API never calls it). */
    static void cluster(ServerTestSupport test, String id) {
        TestHttp.Response exists = test.admin().get("/api/clusters/" + id);
        if (exists.status() == 200) {
            return;
        }
        TestHttp.Response created = test.admin().postJson("/api/clusters", Map.of("id", id, "endpoints", List.of("https://pve-" + id + ".example.com:8006"),
                "tokenId", "pveflow@pve!test", "tokenSecret", "0f0e0d0c-secret-" + id, "tls", Map.of("mode", "system")));
        if (created.status() != 201) {
            throw new AssertionError("Could not add cluster " + id + ": " + created.body());
        }
    }

    static String resource(String path) {
        try (InputStream in = ProcessDocuments.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("No test resource " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
