package io.pveflow.server.deployments;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.exceptions.XMLException;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.common.engine.impl.util.io.BytesStreamSource;
import org.flowable.validation.ProcessValidator;
import org.flowable.validation.ProcessValidatorFactory;
import org.flowable.validation.ValidationError;

/**
 * Checks one BPMN document before Flowable deploys it, so that bad input is refused with a message that says
 * what is wrong (and a 400 through the REST API) instead of an engine error. In order: the document is
 * well-formed XML without a DOCTYPE (which rules out XXE and entity expansion such as "billion laughs"), its
 * root is a BPMN 2.0 {@code definitions} element, it converts to a model (XSD validation when enabled), and
 * Flowable's process validator finds no error. The deploy guard runs PVEFlow's own rules between the two.
 */
final class BpmnDocumentCheck {

    static final String BPMN_NAMESPACE = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static final ProcessValidator VALIDATOR = new ProcessValidatorFactory().createDefaultProcessValidator();

    private BpmnDocumentCheck() {
    }

    static boolean isBpmnResource(String name) {
        return name.endsWith(".bpmn20.xml") || name.endsWith(".bpmn");
    }

    /** Well-formed XML without DOCTYPE or entity references, with a BPMN 2.0 {@code definitions} root. */
    static void checkWellFormed(String resourceName, byte[] document) {
        checkWellFormedWithoutDoctype(resourceName, document);
    }

    /** Reads the document into a model, refusing anything that is not well-formed, DOCTYPE-free BPMN 2.0. */
    static BpmnModel parse(String resourceName, byte[] document, boolean validateSchema) {
        checkWellFormedWithoutDoctype(resourceName, document);
        return convert(resourceName, document, validateSchema);
    }

    /** Flowable's process validator: every error (not warning), each naming its element. */
    static void validate(String resourceName, BpmnModel model) {
        List<DeploymentProblem> problems = new ArrayList<>();
        String message = validate(resourceName, model, problems);
        if (message != null) {
            throw new DeploymentRefusedException(message, problems);
        }
    }

    /** Adds the validator's errors to {@code problems}; returns the refusal message, or null when there is none. */
    static String validate(String resourceName, BpmnModel model, List<DeploymentProblem> problems) {
        List<String> errors = new ArrayList<>();
        for (ValidationError error : VALIDATOR.validate(model)) {
            if (!error.isWarning()) {
                errors.add(describe(error));
                problems.add(DeploymentProblem.error(error.getActivityId() != null ? error.getActivityId()
                        : error.getProcessDefinitionId(), null, error.getProblem(), error.getDefaultDescription()));
            }
        }
        return errors.isEmpty() ? null : "Resource '" + resourceName + "' is not a valid process: " + String.join("; ", errors);
    }

    private static void checkWellFormedWithoutDoctype(String resourceName, byte[] document) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        trySetProperty(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(document));
            boolean rootSeen = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw refused(resourceName, reader, "doctype", "DOCTYPE declarations are not allowed in BPMN documents "
                            + "(they enable external entity (XXE) and entity expansion attacks)");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw refused(resourceName, reader, "entity-reference", "entity reference '&" + reader.getLocalName()
                            + ";' is not allowed");
                }
                if (event == XMLStreamConstants.START_ELEMENT && !rootSeen) {
                    rootSeen = true;
                    if (!"definitions".equals(reader.getLocalName()) || !BPMN_NAMESPACE.equals(reader.getNamespaceURI())) {
                        throw refused(resourceName, reader, "bpmn-root", "not a BPMN 2.0 document: the root element is {"
                                + nullToEmpty(reader.getNamespaceURI()) + "}" + reader.getLocalName()
                                + ", expected {" + BPMN_NAMESPACE + "}definitions");
                    }
                }
            }
            if (!rootSeen) {
                throw refusal("empty", "Resource '" + resourceName + "' is empty: no XML element found");
            }
        } catch (XMLStreamException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
            throw refusal("well-formed", "Resource '" + resourceName + "' is not well-formed XML"
                    + where + ": " + stripLocation(e.getMessage()));
        } finally {
            closeQuietly(reader);
        }
    }

    private static BpmnModel convert(String resourceName, byte[] document, boolean validateSchema) {
        try {
            return new BpmnXMLConverter().convertToBpmnModel(new BytesStreamSource(document), validateSchema, true);
        } catch (XMLException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw refusal("bpmn-schema", "Resource '" + resourceName + "' is not valid BPMN 2.0: "
                    + stripLocation(cause.getMessage()));
        }
    }

    private static String describe(ValidationError error) {
        StringBuilder text = new StringBuilder();
        if (error.getActivityId() != null) {
            text.append("element '").append(error.getActivityId()).append("'");
        } else if (error.getProcessDefinitionId() != null) {
            text.append("process '").append(error.getProcessDefinitionId()).append("'");
        } else {
            text.append("document");
        }
        if (error.getXmlLineNumber() > 0) {
            text.append(" (line ").append(error.getXmlLineNumber()).append(")");
        }
        return text.append(": ").append(error.getDefaultDescription()).toString();
    }

    private static FlowableIllegalArgumentException refused(String resourceName, XMLStreamReader reader, String rule,
                                                            String why) {
        int line = reader.getLocation() == null ? -1 : reader.getLocation().getLineNumber();
        return refusal(rule, "Resource '" + resourceName + "' is refused" + (line > 0 ? " at line " + line : "") + ": " + why);
    }

    /** A refusal of the whole document: one problem, with no element. */
    static DeploymentRefusedException refusal(String rule, String message) {
        return new DeploymentRefusedException(message, List.of(DeploymentProblem.error(null, null, rule, message)));
    }

    private static String stripLocation(String message) {
        if (message == null) {
            return "unknown error";
        }
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; the location is reported separately.
        int idx = message.indexOf("Message: ");
        return (idx >= 0 ? message.substring(idx + "Message: ".length()) : message).trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void trySetProperty(XMLInputFactory factory, String name, Object value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException unsupported) {
            // Not every StAX implementation knows every JAXP property; DTDs are off regardless.
        }
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release
            }
        }
    }
}
