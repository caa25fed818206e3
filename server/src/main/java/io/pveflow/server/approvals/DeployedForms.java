package io.pveflow.server.approvals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.UserTask;
import org.flowable.common.engine.api.FlowableIllegalArgumentException;
import org.flowable.common.engine.api.repository.EngineResource;

/**
 * Deploy-time checks of forms, called by the deployment guard: every {@code *.form} resource of a deployment
 * parses as a form the server can validate (ids unique in the deployment), and every user task's
 * {@code flowable:formKey} names one of them or the built-in {@code pveflow:approval}. Forms travel in the same
 * deployment as their process, so they are versioned with it.
 */
public final class DeployedForms {

    private DeployedForms() {
    }

    /** True for resources this class reads ({@code *.form}). */
    public static boolean isFormResource(String name) {
        return FormParser.isFormResource(name);
    }

    /**
     * The id of one form document, checked as a deployment would check it (a form the server can validate, not the
     * built-in approval form's id); a {@link FlowableIllegalArgumentException} says what is wrong.
     */
    public static String formId(byte[] document) {
        FormSchema form;
        try {
            form = FormParser.parse(document == null ? new byte[0] : document);
        } catch (InvalidFormException e) {
            throw new FlowableIllegalArgumentException(e.getMessage());
        }
        if (ApprovalForm.KEY.equals(form.id())) {
            throw new FlowableIllegalArgumentException("the id '" + ApprovalForm.KEY + "' is the built-in approval form's");
        }
        return form.id();
    }

    /** The ids of the deployment's forms; a refusal names the resource and what is wrong. */
    public static Set<String> formIds(Map<String, EngineResource> resources) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (EngineResource resource : resources.values()) {
            if (!isFormResource(resource.getName())) {
                continue;
            }
            FormSchema form;
            try {
                form = FormParser.parse(resource.getBytes() == null ? new byte[0] : resource.getBytes());
            } catch (InvalidFormException e) {
                throw new FlowableIllegalArgumentException("Form resource '" + resource.getName() + "' is not usable: "
                        + e.getMessage());
            }
            if (ApprovalForm.KEY.equals(form.id())) {
                throw new FlowableIllegalArgumentException("Form resource '" + resource.getName() + "' uses the id '"
                        + ApprovalForm.KEY + "', which is the built-in approval form");
            }
            String other = ids.putIfAbsent(form.id(), resource.getName());
            if (other != null) {
                throw new FlowableIllegalArgumentException("Form resources '" + other + "' and '" + resource.getName()
                        + "' both have the id '" + form.id() + "'");
            }
        }
        return Set.copyOf(ids.keySet());
    }

    /** A user task whose formKey does not resolve. */
    public record Problem(String taskId, String message) {
    }

    /** One problem per user task whose formKey resolves to no form of the deployment. */
    public static List<Problem> formKeyProblems(BpmnModel model, Set<String> formIds) {
        List<Problem> problems = new ArrayList<>();
        for (Process process : model.getProcesses()) {
            for (UserTask task : process.findFlowElementsOfType(UserTask.class, true)) {
                String key = task.getFormKey();
                if (key == null || key.isBlank()) {
                    continue;
                }
                if (key.contains("${") || key.contains("#{")) {
                    problems.add(new Problem(task.getId(), "formKey '" + key
                            + "' is an expression; name a form of the deployment or '" + ApprovalForm.KEY + "'"));
                } else if (!ApprovalForm.KEY.equals(key) && !formIds.contains(key)) {
                    problems.add(new Problem(task.getId(), "formKey '" + key + "' names no form of the deployment"
                            + (formIds.isEmpty() ? " (it has no *.form resource)" : " (its forms: " + formIds.stream().sorted().toList() + ")")
                            + " and is not the built-in '" + ApprovalForm.KEY + "'"));
                }
            }
        }
        return problems;
    }
}
