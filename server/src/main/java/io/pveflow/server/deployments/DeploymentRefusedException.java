package io.pveflow.server.deployments;

import java.util.List;

import org.flowable.common.engine.api.FlowableIllegalArgumentException;

/**
 * The deployment guard's refusal. Still a {@link FlowableIllegalArgumentException} (a 400 through Flowable's REST
 * API, with the message naming the first rule set that refused), and it carries every problem of the document,
 * so PVEFlow's own API can list them all at once.
 */
public class DeploymentRefusedException extends FlowableIllegalArgumentException {

    private final transient List<DeploymentProblem> problems;

    public DeploymentRefusedException(String message, List<DeploymentProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<DeploymentProblem> problems() {
        return problems;
    }
}
