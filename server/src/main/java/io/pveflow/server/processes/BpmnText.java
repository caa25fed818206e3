package io.pveflow.server.processes;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.pveflow.server.deployments.BpmnDocuments;
import io.pveflow.server.deployments.DeploymentRefusedException;
import io.pveflow.server.web.InvalidInputException;

/**
 * A BPMN document as text. Drafts and imports are stored exactly as written (foreign extension elements, diagram
 * interchange, documentation, comments and formatting survive), so the few changes PVEFlow makes (the process id
 * and name) are made in the text, never by re-serialising a parsed model.
 */
final class BpmnText {

    /** One {@code process} element of the document. */
    record ProcessElement(String id, String name, boolean executable) {
    }

    private static final Pattern ENCODING = Pattern.compile("^\\uFEFF?<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']+)[\"']");
    /** A start tag whose attributes may contain '>' inside quotes. */
    private static final String ATTRIBUTES = "(?:\\s+[^\\s=/>]+\\s*=\\s*(?:\"[^\"]*\"|'[^']*'))*\\s*/?>";

    private BpmnText() {
    }

    /**
     * Decodes an uploaded document: UTF-8 only (drafts are text, and a deployment is this text encoded as UTF-8, so a
     * document declaring another encoding would change meaning on the way).
     */
    static String decode(String resourceName, byte[] document) {
        String head = new String(document, 0, Math.min(document.length, 200), StandardCharsets.ISO_8859_1);
        Matcher declared = ENCODING.matcher(head.startsWith("\u00EF\u00BB\u00BF") ? head.substring(3) : head);
        if (declared.find() && !declared.group(1).replace("-", "").equalsIgnoreCase("UTF8")) {
            throw invalid("file", resourceName + " is encoded as " + declared.group(1) + "; save it as UTF-8");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("file", resourceName + " is not valid UTF-8 text");
        }
    }

    /**
     * Refuses a document the deployment guard would refuse to read (not well-formed, DOCTYPE, not BPMN) or that
     * declares an encoding other than UTF-8; returns its process elements.
     */
    static List<ProcessElement> check(String resourceName, String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        decode(resourceName, bytes);
        try {
            BpmnDocuments.checkWellFormed(resourceName, bytes);
        } catch (DeploymentRefusedException e) {
            throw invalid("xml", e.getMessage());
        }
        return processes(xml);
    }

    /** The top-level process elements, in document order. Call only on a checked document. */
    static List<ProcessElement> processes(String xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<ProcessElement> found = new ArrayList<>();
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2 && "process".equals(reader.getLocalName())
                            && BpmnDocuments.BPMN_NAMESPACE.equals(reader.getNamespaceURI())) {
                        String executable = reader.getAttributeValue(null, "isExecutable");
                        found.add(new ProcessElement(reader.getAttributeValue(null, "id"),
                                reader.getAttributeValue(null, "name"), "true".equals(executable == null ? null : executable.trim())));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw invalid("xml", "the document cannot be read: " + e.getMessage());
        }
        return found;
    }

    /**
     * The process PVEFlow runs from a foreign document: its only executable process, or its only process when none is
     * marked executable (modelling tools often leave the flag out).
     */
    static ProcessElement runnableProcess(String resourceName, List<ProcessElement> processes) {
        List<ProcessElement> executable = processes.stream().filter(ProcessElement::executable).toList();
        if (executable.size() == 1) {
            return executable.get(0);
        }
        if (executable.isEmpty() && processes.size() == 1) {
            return processes.get(0);
        }
        if (processes.isEmpty()) {
            throw invalid("file", resourceName + " contains no BPMN process");
        }
        throw invalid("file", resourceName + " contains " + (executable.isEmpty() ? processes.size() + " processes, none"
                : executable.size() + " processes") + " marked executable; PVEFlow runs one executable process per "
                + "document: mark exactly one isExecutable=\"true\"");
    }

    /**
     * Renames the process {@code oldId} to {@code newId}: its {@code id}, and the references to it (a pool's
     * {@code processRef}, the diagram plane's {@code bpmnElement}). Ids are unique in a document, so an attribute
     * of those two names holding the old id refers to this process. Nothing else in the text changes.
     */
    static String renameProcess(String xml, String oldId, String newId) {
        if (oldId.equals(newId)) {
            return xml;
        }
        String text = replaceInProcessTag(xml, oldId, "id", newId);
        Pattern reference = Pattern.compile("(\\s(?:processRef|bpmnElement)\\s*=\\s*)([\"'])" + Pattern.quote(oldId) + "\\2");
        List<int[]> skipped = commentsAndCdata(text);
        Matcher m = reference.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = inside(skipped, m.start()) ? m.group() : m.group(1) + m.group(2) + newId + m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Character ranges of comments and CDATA sections, whose text looks like markup but is not. */
    private static List<int[]> commentsAndCdata(String xml) {
        List<int[]> ranges = new ArrayList<>();
        Matcher m = Pattern.compile("<!--.*?-->|<!\\[CDATA\\[.*?]]>", Pattern.DOTALL).matcher(xml);
        while (m.find()) {
            ranges.add(new int[] {m.start(), m.end()});
        }
        return ranges;
    }

    private static boolean inside(List<int[]> ranges, int position) {
        return ranges.stream().anyMatch(r -> position >= r[0] && position < r[1]);
    }

    /** Sets the name attribute of the process {@code processId}, adding it when missing. */
    static String renameProcessTitle(String xml, String processId, String name) {
        return replaceInProcessTag(xml, processId, "name", escape(name));
    }

    private static String replaceInProcessTag(String xml, String processId, String attribute, String value) {
        Matcher tag = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?process(?=[\\s/>])" + ATTRIBUTES).matcher(xml);
        Pattern id = Pattern.compile("\\sid\\s*=\\s*([\"'])" + Pattern.quote(processId) + "\\1");
        List<int[]> skipped = commentsAndCdata(xml);
        while (tag.find()) {
            String start = tag.group();
            if (inside(skipped, tag.start()) || !id.matcher(start).find()) {
                continue;
            }
            Matcher existing = Pattern.compile("(\\s" + attribute + "\\s*=\\s*)([\"'])(?:(?!\\2).)*\\2").matcher(start);
            String changed = existing.find()
                    ? start.substring(0, existing.start()) + existing.group(1) + existing.group(2) + value
                            + existing.group(2) + start.substring(existing.end())
                    : start.replaceFirst("(?=\\s*/?>$)", Matcher.quoteReplacement(" " + attribute + "=\"" + value + "\""));
            return xml.substring(0, tag.start()) + changed + xml.substring(tag.end());
        }
        throw invalid("xml", "no process element with id '" + processId + "'");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException("Invalid process document", Map.of(field, problem));
    }
}
