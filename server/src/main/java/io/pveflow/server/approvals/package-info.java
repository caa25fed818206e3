/**
 * Approvals: user tasks with forms, the Approval element and the inbox's API.
 * <p>
 * <b>Forms</b> are form-js schemas deployed as {@code *.form} resources next to the BPMN, so they are versioned
 * with it; the deployment guard calls {@link io.pveflow.server.approvals.DeployedForms} so every
 * {@code flowable:formKey} resolves (or is the built-in {@code pveflow:approval}) and every form parses. Submitted
 * values are checked on the server ({@code FormValidator}); the browser is never trusted.
 * <p>
 * <b>The Approval element</b> is plain BPMN (the template in {@code resources/approvals}): a user task with the
 * approval form, an interrupting boundary timer to {@link io.pveflow.server.approvals.ApprovalTimeout} (policy
 * fail, auto_approve, auto_reject or skip), non-interrupting timers to
 * {@link io.pveflow.server.approvals.ApprovalEscalation} (reminders, escalation to another group) and an
 * exclusive gateway on the decision variables.
 * <p>
 * <b>Separation of duties</b> ({@code <pveflow:separationOfDuties/>}) is enforced by an engine event listener,
 * whichever API acts on the task. <b>{@code /api/tasks}</b> lists and acts on the tasks a person may see, audits
 * every action, and checks the signed links that approval messages carry.
 */
package io.pveflow.server.approvals;
