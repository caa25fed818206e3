package io.pveflow.server.deployments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem of a BPMN document, as the modeler shows it next to the element.
 *
 * @param elementId the BPMN element (or process) it concerns; null for the document as a whole
 * @param field     the activity field or attribute concerned, when there is one
 * @param rule      a stable identifier of the rule, e.g. {@code class-delegate} or {@code required-field}
 * @param message   what is wrong, in words
 * @param severity  {@code error} (refuses the deployment) or {@code warning} (never blocks it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentProblem(String elementId, String field, String rule, String message, String severity) {

    public static final String ERROR = "error";
    public static final String WARNING = "warning";

    public static DeploymentProblem error(String elementId, String field, String rule, String message) {
        return new DeploymentProblem(elementId, field, rule, message, ERROR);
    }

    public static DeploymentProblem warning(String elementId, String field, String rule, String message) {
        return new DeploymentProblem(elementId, field, rule, message, WARNING);
    }

    @JsonIgnore
    public boolean isError() {
        return ERROR.equals(severity);
    }
}
