package io.pveflow.server.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.pveflow.server.web.InvalidInputException;

/** Text edits of a document change exactly what they mean to, and nothing else. */
class BpmnTextTest {

    private static final String DOC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <b:definitions xmlns:b="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:x="urn:x" targetNamespace="t">
              <!-- <b:process id="old"> in a comment is not the process -->
              <b:collaboration id="c"><b:participant id="p" processRef='old'/></b:collaboration>
              <b:process x:note="a > b" id='old' isExecutable="true">
                <b:documentation>id="old" stays as text</b:documentation>
                <b:startEvent id="s"/>
              </b:process>
              <b:process id="other"/>
              <x:diagram bpmnElement="old"/>
            </b:definitions>
            """;

    @Test
    void renamingTheProcessChangesItsIdAndTheReferencesToItOnly() {
        String renamed = BpmnText.renameProcess(DOC, "old", "fresh");
        assertThat(renamed).contains("<b:process x:note=\"a > b\" id='fresh' isExecutable=\"true\">")
                .contains("processRef='fresh'")
                .contains("<x:diagram bpmnElement=\"fresh\"/>")
                .contains("<b:documentation>id=\"old\" stays as text</b:documentation>")
                .contains("<b:process id=\"other\"/>");
        assertThat(renamed).contains("<!-- <b:process id=\"old\"> in a comment is not the process -->");
        assertThat(renamed.replace("fresh", "old")).isEqualTo(DOC);
    }

    @Test
    void theNameIsReplacedOrAddedAndEscaped() {
        String named = BpmnText.renameProcessTitle(DOC, "old", "Backup & <restore>");
        assertThat(named).contains("id='old' isExecutable=\"true\" name=\"Backup &amp; &lt;restore&gt;\">");
        String again = BpmnText.renameProcessTitle(named, "old", "Second");
        assertThat(again).contains("isExecutable=\"true\" name=\"Second\">").doesNotContain("restore");
        assertThat(BpmnText.renameProcessTitle(DOC, "other", "O")).contains("<b:process id=\"other\" name=\"O\"/>");
    }

    @Test
    void processesAreFoundWithTheirExecutableFlag() {
        assertThat(BpmnText.check("doc", DOC)).containsExactly(new BpmnText.ProcessElement("old", null, true),
                new BpmnText.ProcessElement("other", null, false));
        assertThat(BpmnText.runnableProcess("doc", BpmnText.processes(DOC)).id()).isEqualTo("old");
    }

    @Test
    void onlyUtf8IsAccepted() {
        assertThat(BpmnText.decode("f", "<?xml version='1.0' encoding='utf-8'?><a/>".getBytes(StandardCharsets.UTF_8))).endsWith("<a/>");
        assertThatThrownBy(() -> BpmnText.decode("f", "<?xml version=\"1.0\" encoding=\"windows-1252\"?><a/>"
                .getBytes(StandardCharsets.ISO_8859_1))).isInstanceOf(InvalidInputException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> BpmnText.decode("f", new byte[] {'<', 'a', '>', (byte) 0xE9, '<', '/', 'a', '>'}))
                .hasMessageContaining("not valid UTF-8");
    }
}
