package io.pveflow.server.deployments;

/**
 * The guard's document rules for code that stores BPMN without deploying it (drafts, imports): the same
 * well-formedness, no-DOCTYPE and BPMN-root checks, so no document reaches the database that the guard would
 * refuse to even read.
 */
public final class BpmnDocuments {

    public static final String BPMN_NAMESPACE = BpmnDocumentCheck.BPMN_NAMESPACE;

    private BpmnDocuments() {
    }

    /**
     * Refuses anything but well-formed, DOCTYPE-free XML with a BPMN 2.0 {@code definitions} root.
     *
     * @throws DeploymentRefusedException naming the problem (and its line)
     */
    public static void checkWellFormed(String resourceName, byte[] document) {
        BpmnDocumentCheck.checkWellFormed(resourceName, document);
    }
}
