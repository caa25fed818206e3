package io.pveflow.server.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Process;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.identitylink.api.IdentityLink;
import org.flowable.identitylink.api.IdentityLinkType;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskQuery;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.pveflow.server.audit.AuditLog;
import io.pveflow.server.users.UserService;
import io.pveflow.server.web.ConflictException;
import io.pveflow.server.web.InvalidInputException;
import io.pveflow.server.web.NotFoundException;

/**
 * The inbox behind {@code /api/tasks}: which tasks a person sees (assigned to them, or offered to them or one of
 * their groups; admins everything), and claim, release, delegate and complete with server-side form validation.
 * A task the caller may not see does not exist for them (404). Every action is audited in its transaction;
 * separation of duties is checked here for a clear answer and again inside the engine.
 */
@Service
class Inbox {

    enum Assignment { MINE, GROUPS, ALL, ANY }

    record Page(List<TaskView> items, int page, int size, boolean hasMore) {
    }

    record Detail(TaskView task, JsonNode form, Map<String, Object> context) {
    }

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TaskForms forms;
    private final UserService users;
    private final AuditLog audit;

    Inbox(@Lazy TaskService tasks, @Lazy RuntimeService runtime, @Lazy RepositoryService repository, TaskForms forms,
          UserService users, AuditLog audit) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.repository = repository;
        this.forms = forms;
        this.users = users;
        this.audit = audit;
    }

    Caller caller(String user, boolean admin) {
        return new Caller(user, users.groupsOf(user), admin);
    }

    @Transactional(readOnly = true)
    Page list(Caller caller, String cluster, Assignment assignment, int page, int size) {
        TaskQuery query = tasks.createTaskQuery().active();
        switch (assignment) {
            case MINE -> query.taskAssignee(caller.user());
            case GROUPS -> {
                // Flowable's candidate conditions match unassigned tasks only: these are the ones to claim.
                query.or().taskCandidateUser(caller.user());
                if (!caller.groups().isEmpty()) {
                    query.taskCandidateGroupIn(caller.groups());
                }
                query.endOr();
            }
            case ALL -> {
                if (!caller.admin()) {
                    throw new TaskForbiddenException("Only admins may list every task (assignment=all)");
                }
            }
            case ANY -> {
                query.or().taskAssignee(caller.user()).taskOwner(caller.user()).taskCandidateUser(caller.user());
                if (!caller.groups().isEmpty()) {
                    query.taskCandidateGroupIn(caller.groups());
                }
                query.endOr();
            }
        }
        if (cluster != null && !cluster.isBlank()) {
            query.taskTenantId(cluster);
        }
        List<Task> found = query.orderByTaskCreateTime().desc().orderByTaskId().asc().listPage(page * size, size + 1);
        boolean hasMore = found.size() > size;
        List<TaskView> items = new ArrayList<>();
        for (Task task : found.subList(0, Math.min(size, found.size()))) {
            items.add(view(task));
        }
        return new Page(items, page, size, hasMore);
    }

    @Transactional(readOnly = true)
    Detail get(Caller caller, String taskId) {
        Task task = visible(caller, taskId);
        TaskView view = view(task);
        FormSchema form = forms.form(task.getProcessDefinitionId(), task.getFormKey());
        BpmnModel model = repository.getBpmnModel(task.getProcessDefinitionId());
        Process process = model.getProcessById(view.processKey());
        ProcessInstance run = run(task);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("processDefinitionId", task.getProcessDefinitionId());
        context.put("processKey", view.processKey());
        context.put("processName", view.processName());
        context.put("processVersion", view.processVersion());
        context.put("processInstanceId", task.getProcessInstanceId());
        context.put("businessKey", run == null ? null : run.getBusinessKey());
        context.put("startedBy", run == null ? null : run.getStartUserId());
        context.put("startedAt", run == null || run.getStartTime() == null ? null : run.getStartTime().toInstant());
        context.put("currentActivity", Map.of("id", task.getTaskDefinitionKey(),
                "name", task.getName() == null ? task.getTaskDefinitionKey() : task.getName()));
        context.put("inputs", process == null ? Map.of() : RunContext.inputs(process, runtime.getVariables(task.getProcessInstanceId())));
        context.put("next", RunContext.next(model, task.getTaskDefinitionKey()));
        context.put("diagramXml", "/api/tasks/" + task.getId() + "/xml");
        return new Detail(view, form == null ? null : form.schema(), context);
    }

    @Transactional(readOnly = true)
    byte[] xml(Caller caller, String taskId) {
        Task task = visible(caller, taskId);
        ProcessDefinition definition = repository.getProcessDefinition(task.getProcessDefinitionId());
        try (var in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Transactional
    TaskView claim(Caller caller, String taskId) {
        Task task = visible(caller, taskId);
        if (caller.user().equals(task.getAssignee())) {
            return view(task);
        }
        if (task.getAssignee() != null) {
            throw new ConflictException("Task '" + taskId + "' is already claimed by '" + task.getAssignee() + "'");
        }
        if (!caller.admin() && !isCandidate(caller, links(taskId))) {
            throw new TaskForbiddenException("Task '" + taskId + "' is not offered to you or your groups");
        }
        checkSeparationOfDuties(task, caller.user(), "claim");
        tasks.claim(taskId, caller.user());
        audit.record(caller.user(), "task-claimed", "task", taskId, task.getTenantId(), describe(task));
        return view(load(taskId));
    }

    @Transactional
    TaskView release(Caller caller, String taskId) {
        Task task = visible(caller, taskId);
        if (task.getAssignee() == null) {
            throw new ConflictException("Task '" + taskId + "' is not claimed by anyone");
        }
        if (!caller.user().equals(task.getAssignee()) && !caller.admin()) {
            throw new TaskForbiddenException("Task '" + taskId + "' is claimed by '" + task.getAssignee()
                    + "'; only they or an admin may release it");
        }
        List<IdentityLink> links = links(taskId);
        if (links.stream().noneMatch(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))) {
            throw new ConflictException("Task '" + taskId + "' has no candidate users or groups: released, nobody could "
                    + "pick it up; delegate it instead");
        }
        tasks.unclaim(taskId);
        audit.record(caller.user(), "task-released", "task", taskId, task.getTenantId(), describe(task)
                + " from=" + task.getAssignee());
        return view(load(taskId));
    }

    @Transactional
    TaskView delegate(Caller caller, String taskId, String toUser) {
        Task task = visible(caller, taskId);
        if (toUser == null || toUser.isBlank()) {
            throw new InvalidInputException("Cannot delegate", Map.of("user", "is required"));
        }
        String target = toUser.trim();
        if (!caller.user().equals(task.getAssignee()) && !caller.admin()) {
            throw new TaskForbiddenException("Only the task's assignee or an admin may delegate it; claim it first");
        }
        if (!users.isActiveUser(target)) {
            throw new InvalidInputException("Cannot delegate", Map.of("user", "there is no enabled user '" + target + "'"));
        }
        if (target.equals(task.getAssignee())) {
            throw new InvalidInputException("Cannot delegate", Map.of("user", "'" + target + "' has the task already"));
        }
        checkSeparationOfDuties(task, target, "be assigned");
        if (task.getOwner() == null && task.getAssignee() != null) {
            tasks.setOwner(taskId, task.getAssignee());
        }
        tasks.setAssignee(taskId, target);
        audit.record(caller.user(), "task-delegated", "task", taskId, task.getTenantId(), describe(task)
                + " from=" + task.getAssignee() + " to=" + target);
        return view(load(taskId));
    }

    @Transactional
    Map<String, Object> complete(Caller caller, String taskId, Map<String, Object> values) {
        Task task = visible(caller, taskId);
        if (task.getAssignee() != null && !caller.user().equals(task.getAssignee()) && !caller.admin()) {
            throw new TaskForbiddenException("Task '" + taskId + "' is claimed by '" + task.getAssignee()
                    + "'; only they may complete it");
        }
        if (task.getAssignee() == null && !caller.admin() && !isCandidate(caller, links(taskId))) {
            throw new TaskForbiddenException("Task '" + taskId + "' is not offered to you or your groups");
        }
        checkSeparationOfDuties(task, caller.user(), "complete");
        Map<String, Object> variables = variables(task, values, caller.user());
        if (task.getAssignee() == null) {
            tasks.claim(taskId, caller.user()); // who completed it shows as its assignee in history
        }
        tasks.complete(taskId, variables);
        String decision = ApprovalForm.KEY.equals(task.getFormKey())
                ? " decision=" + variables.get(ApprovalForm.variable(task.getTaskDefinitionKey(), "decision")) : "";
        audit.record(caller.user(), "task-completed", "task", taskId, task.getTenantId(), describe(task) + decision
                + (task.getFormKey() == null ? "" : " form=" + task.getFormKey()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", taskId);
        result.put("completed", true);
        result.put("processInstanceId", task.getProcessInstanceId());
        result.put("variables", variables.keySet());
        return result;
    }

    private Map<String, Object> variables(Task task, Map<String, Object> values, String user) {
        FormSchema form = forms.form(task.getProcessDefinitionId(), task.getFormKey());
        if (form == null) {
            if (values != null && !values.isEmpty()) {
                throw new InvalidInputException("Task '" + task.getId() + "' has no form", Map.of("values",
                        "the task takes no values; send none"));
            }
            return Map.of();
        }
        if (ApprovalForm.KEY.equals(form.id())) {
            return ApprovalForm.variables(task.getTaskDefinitionKey(), values, user, Instant.now());
        }
        return FormValidator.validate(form, values, key -> options(task, key));
    }

    /** The options a valuesKey names: a run variable holding a list of values or of {label, value}. */
    private Collection<String> options(Task task, String variable) {
        Object value = runtime.getVariable(task.getProcessInstanceId(), variable);
        if (value instanceof JsonNode json && json.isArray()) {
            List<String> options = new ArrayList<>();
            json.forEach(item -> options.add(item.isObject() ? item.path("value").asText() : item.asText()));
            return options;
        }
        if (value instanceof Collection<?> list) {
            List<String> options = new ArrayList<>();
            for (Object item : list) {
                options.add(item instanceof Map<?, ?> map ? String.valueOf(map.get("value")) : String.valueOf(item));
            }
            return options;
        }
        return null;
    }

    private void checkSeparationOfDuties(Task task, String user, String action) {
        if (!SeparationOfDuties.appliesTo(repository.getBpmnModel(task.getProcessDefinitionId())
                .getProcessById(definition(task).getKey()))) {
            return;
        }
        ProcessInstance run = run(task);
        if (run != null && user.equals(run.getStartUserId())) {
            throw new TaskForbiddenException(SeparationOfDuties.refusal(user, action));
        }
    }

    private Task visible(Caller caller, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null || task.getProcessInstanceId() == null || !(caller.admin() || caller.user().equals(task.getAssignee())
                || caller.user().equals(task.getOwner()) || isCandidate(caller, links(taskId)))) {
            throw new NotFoundException("No task '" + taskId + "' for you");
        }
        return task;
    }

    private Task load(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw new FlowableObjectNotFoundException("Task " + taskId + " is gone");
        }
        return task;
    }

    private List<IdentityLink> links(String taskId) {
        return tasks.getIdentityLinksForTask(taskId);
    }

    private static boolean isCandidate(Caller caller, List<IdentityLink> links) {
        Set<String> groups = caller.groups();
        for (IdentityLink link : links) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (caller.user().equals(link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
                return true;
            }
        }
        return false;
    }

    private ProcessDefinition definition(Task task) {
        return repository.getProcessDefinition(task.getProcessDefinitionId());
    }

    private ProcessInstance run(Task task) {
        return runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
    }

    private TaskView view(Task task) {
        ProcessDefinition definition = definition(task);
        List<String> candidateUsers = new ArrayList<>();
        List<String> candidateGroups = new ArrayList<>();
        for (IdentityLink link : links(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getUserId() != null) {
                    candidateUsers.add(link.getUserId());
                }
                if (link.getGroupId() != null) {
                    candidateGroups.add(link.getGroupId());
                }
            }
        }
        boolean separation = SeparationOfDuties.appliesTo(
                repository.getBpmnModel(task.getProcessDefinitionId()).getProcessById(definition.getKey()));
        return new TaskView(task.getId(), task.getName(), task.getDescription(), task.getTaskDefinitionKey(),
                task.getTenantId() == null ? "" : task.getTenantId(), task.getProcessInstanceId(),
                task.getProcessDefinitionId(), definition.getKey(), definition.getName(), definition.getVersion(),
                task.getAssignee(), task.getOwner(), candidateUsers.stream().sorted().toList(),
                candidateGroups.stream().sorted().toList(), task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(), task.getFormKey(),
                ApprovalForm.KEY.equals(task.getFormKey()), separation);
    }

    private static String describe(Task task) {
        return "task=" + task.getTaskDefinitionKey() + " run=" + task.getProcessInstanceId();
    }
}
