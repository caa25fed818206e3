package io.pveflow.server.processes;

import java.util.List;

import io.pveflow.server.deployments.DeploymentProblem;

/** A publish refused because the document has errors (400 with every problem); nothing was deployed. */
class PublishRefusedException extends RuntimeException {

    private final transient List<DeploymentProblem> problems;

    PublishRefusedException(String key, List<DeploymentProblem> problems) {
        super("Process '" + key + "' cannot be published: " + problems.stream().filter(DeploymentProblem::isError).count()
                + " problem(s): " + String.join("; ", problems.stream().filter(DeploymentProblem::isError)
                .map(p -> (p.elementId() == null ? "" : p.elementId() + ": ") + p.message()).limit(10).toList()));
        this.problems = List.copyOf(problems);
    }

    List<DeploymentProblem> problems() {
        return problems;
    }
}
