package io.pveflow.server.approvals;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${approvalFailure}}: the timeout policy {@code fail}. An asynchronous step that always fails, so the
 * timeout itself commits (the task is closed, the decision {@code timed-out} recorded) and the run then stands
 * failed with an incident naming the approval, like any other failed step (not a BPMN error: nothing catches it).
 */
@Component("approvalFailure")
public class ApprovalFailure implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        String approval = ApprovalTimeout.required(execution, "approval");
        throw new FlowableException("Approval '" + approval + "' got no decision before its timeout (policy fail)");
    }
}
