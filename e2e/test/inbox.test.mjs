// Approvals in Chromium against the real server jar: an Approval inserted from the modeler's palette, a user of
// the approvers group who sees the task in the inbox, claims it and decides through the form (the server's field
// error for a reject without comment shows next to the field), a custom form built in the modeler's form-js
// editor rendered in the inbox, and signed links from a notification (valid after login, then expired).
// Screenshots: target/screenshots/inbox-*.png.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { chromiumOrSkip, launch, newPage, publish, screenshot } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const chromiumPath = chromiumOrSkip();
// Links from messages expire quickly on this server, so one test sees a link both valid and expired.
const LINK_VALIDITY_S = 25;
const APPROVER = { username: 'ann', password: 'ann-password-42' };
const DELEGATE = { username: 'bob', password: 'bob-password-42' };
let server;
let browser;
let hook; // a webhook receiver on loopback: the notifications that carry the signed links
const hookBodies = [];

async function loginAs(page, user) {
  await page.goto(`${server.baseUrl}/login`);
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', user.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

async function adminPage() {
  const page = await newPage(browser);
  await loginAs(page, { username: server.username, password: server.password });
  return page;
}

async function approverPage() {
  const page = await newPage(browser);
  await loginAs(page, APPROVER);
  return page;
}

async function ok(response, status = 200) {
  assert.equal(response.status, status, response.text);
  return response.json;
}

async function startRun(key) {
  const started = await ok(await server.api('/api/executions', { method: 'POST', body: JSON.stringify({ clusterId: 'demo', processKey: key }) }), 201);
  return started.id;
}

async function taskOfRun(runId) {
  for (let i = 0; i < 40; i++) {
    const page = await ok(await server.api('/api/tasks?cluster=demo&assignment=all&size=200'));
    const task = page.items.find((t) => t.processInstanceId === runId);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`no task for run ${runId}`);
}

async function runOf(runId) {
  return ok(await server.api(`/api/executions/${encodeURIComponent(runId)}`));
}

async function waitForRunStatus(runId, status) {
  for (let i = 0; i < 60; i++) {
    const run = await runOf(runId);
    if (run.status === status) return run;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`run ${runId} is ${(await runOf(runId)).status}, expected ${status}`);
}

async function clickShape(page, id) {
  const box = await page.locator(`#canvas .djs-shape[data-element-id="${id}"]`).boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + Math.min(box.height / 2, 12)];
  await page.mouse.move(x - 5, y - 5);
  await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.click(x, y);
}

async function shapeIds(page) {
  return page.evaluate(() => [...document.querySelectorAll('#canvas .djs-element.djs-shape')]
    .map((g) => g.getAttribute('data-element-id')).filter((id) => id && !id.endsWith('_label')));
}

const REVIEW_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
    xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
    xmlns:flowable="http://flowable.org/bpmn" id="defs" targetNamespace="http://pveflow.io/processes">
  <bpmn:process id="e2eForm" name="E2E form" isExecutable="true">
    <bpmn:startEvent id="start" name="Start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <bpmn:userTask id="review" name="Review request" flowable:candidateGroups="approvers"/>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
    <bpmn:endEvent id="end" name="Done"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="e2eForm">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="180" y="160" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="280" y="138" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="450" y="160" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="216" y="178"/><di:waypoint x="280" y="178"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="380" y="178"/><di:waypoint x="450" y="178"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe('inbox and task forms', { skip: chromiumPath ? false : 'Chromium is missing' }, () => {
  before(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        try { hookBodies.push(JSON.parse(body)); } catch { hookBodies.push({ raw: body }); }
        res.writeHead(204).end();
      });
    });
    await new Promise((r) => hook.listen(0, '127.0.0.1', r));
    process.env.PVEFLOW_APPROVALS_LINK_VALIDITY = `PT${LINK_VALIDITY_S}S`;
    server = await startServer();
    browser = await launch();
    await ok(await server.api('/api/users', { method: 'POST', body: JSON.stringify({
      username: APPROVER.username, password: APPROVER.password, roles: ['OPERATOR'], groups: ['approvers'] }) }), 201);
  }, { timeout: 300_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => (hook ? hook.close(r) : r()));
  }, { timeout: 60_000 });

  test('an Approval from the palette is published; an approver claims it, is told to comment a reject, approves', { timeout: 240_000 }, async () => {
    const admin = await adminPage();
    await admin.goto(`${server.baseUrl}/processes`);
    await admin.click('#new-process');
    await admin.fill('dialog input[name=name]', 'E2E approval');
    await admin.fill('dialog input[name=key]', 'e2eApproval');
    await admin.click('dialog button[type=submit]');
    await admin.waitForURL('**/processes/demo/e2eApproval');
    await admin.waitForSelector('#canvas .djs-container');

    await clickShape(admin, 'start');
    await admin.click('.djs-palette .entry.pveflow-approval-entry');
    await admin.fill('dialog input[name=candidateGroups]', 'approvers');
    await admin.fill('dialog input[name=timeout]', 'P2D');
    await admin.selectOption('dialog select[name=policy]', 'auto_reject');
    await admin.fill('dialog input[name=reminder]', 'R3/PT4H');
    await admin.fill('dialog input[name=escalationAfter]', 'PT12H');
    await admin.fill('dialog input[name=escalationGroup]', 'approvers-leads');
    await admin.click('dialog button[type=submit]');
    await admin.waitForSelector('#canvas .djs-shape[data-element-id="approvalDecision"]');
    const ids = await shapeIds(admin);
    for (const id of ['approval', 'approvalTimeout', 'approvalApplyTimeout', 'approvalReminder', 'approvalRemind',
      'approvalEscalation', 'approvalEscalate', 'approvalDecision', 'approvalApproved', 'approvalRejected', 'approvalFail']) {
      assert.ok(ids.includes(id), `${id} on the canvas (${ids})`);
    }
    // the approval task is selected: its Approval group edits the timers and the policy
    await admin.waitForSelector('[data-group-id="group-pveflow-approval"]');
    await screenshot(admin, 'inbox-modeler-approval');
    await admin.waitForSelector('#save-state.save-saved', { timeout: 20_000 });
    const draft = await ok(await server.api('/api/clusters/demo/processes/e2eApproval/draft'));
    assert.match(draft.xml, /flowable:formKey="pveflow:approval"/);
    assert.match(draft.xml, /<bpmn:timeDuration[^>]*>P2D<\/bpmn:timeDuration>/);
    assert.match(draft.xml, /approval_decision == 'reject'/);
    await publish(admin, 1, 'inbox-');
    assert.deepEqual(admin.errors, []);
    await admin.context().close();

    const runId = await startRun('e2eApproval');
    const page = await approverPage();
    await page.goto(`${server.baseUrl}/inbox`);
    const row = page.locator('#inbox-list tr', { hasText: 'E2E approval' });
    await row.waitFor();
    await page.waitForSelector('[data-nav="inbox"] .count:not([hidden])');
    assert.ok(Number(await page.locator('[data-nav="inbox"] .count').textContent()) >= 1, 'the badge counts the task');
    assert.match(await row.innerText(), /group approvers/);
    await screenshot(page, 'inbox-list');
    await row.locator('button:has-text("Claim")').click();
    await page.waitForSelector('.toast.success:has-text("Claimed")');
    await page.locator('#inbox-list tr', { hasText: 'E2E approval' }).locator('a:has-text("Open")').click();
    await page.waitForSelector('#task-form .fjs-form');
    assert.match(await page.locator('#task-who').innerText(), /Assigned to you/);
    // the run's context: the diagram with the current step, what comes next
    await page.waitForSelector('#task-diagram[data-ready="true"] .djs-element.current-step[data-element-id="approval"]');
    const next = await page.locator('#task-next').innerText();
    assert.match(next, /Timeout \(event\): after P2D, instead of the task/);
    assert.match(next, /when rejected: Rejected/);

    // reject without a comment: the server refuses, and says so next to the comment field
    await page.locator('#task-form label:has-text("Reject")').click();
    await page.click('#complete');
    const fieldError = page.locator('#task-form .fjs-form-field-error', { hasText: 'required when rejecting' });
    await fieldError.waitFor();
    await screenshot(page, 'inbox-reject-needs-comment');
    assert.equal((await runOf(runId)).status !== 'completed', true, 'nothing completed');

    await page.locator('#task-form label:has-text("Approve")').click();
    await page.locator('#task-form textarea').fill('Fine by me');
    // leave the field first: form-js re-validates on blur and the layout may move under the pointer
    await page.keyboard.press('Tab');
    await page.waitForTimeout(200);
    await page.click('#complete');
    try {
      await page.waitForSelector('.toast.success:has-text("Decision recorded")');
    } catch (e) {
      await screenshot(page, 'inbox-failed-approve');
      const task = await taskOfRun(runId);
      const direct = await server.api(`/api/tasks/${task.id}/complete`, { method: 'POST', body: JSON.stringify({ values: { decision: 'approve', comment: 'x' } }) });
      throw new Error(`no decision recorded: ${await page.locator('#form-errors').innerText().catch(() => '')} ${page.errors}; as admin: ${direct.status} ${direct.text}`, { cause: e });
    }
    await page.waitForURL('**/inbox');
    const run = await waitForRunStatus(runId, 'completed');
    assert.equal(run.variables.approval_decision, 'approve');
    assert.equal(run.variables.approval_by, APPROVER.username);
    assert.equal(run.variables.approval_comment, 'Fine by me');
    assert.deepEqual(page.errors.filter((e) => !/status of 400/.test(e)), []);
    await page.context().close();
  });

  test('a form built in the modeler\'s form editor is published with the process, delegated and filled in the inbox', { timeout: 240_000 }, async () => {
    await ok(await server.api('/api/clusters/demo/processes', { method: 'POST', body: JSON.stringify({ key: 'e2eForm', name: 'E2E form', xml: REVIEW_XML }) }), 201);
    const admin = await adminPage();
    await admin.goto(`${server.baseUrl}/processes/demo/e2eForm`);
    await admin.waitForSelector('#canvas .djs-shape[data-element-id="review"]');
    await clickShape(admin, 'review');
    await admin.waitForSelector('#edit-form').catch(async (e) => {
      await screenshot(admin, 'inbox-failed-edit-form');
      throw e;
    });
    await admin.click('#edit-form');
    await admin.waitForSelector('#form-editor .fjs-editor-container');
    await admin.waitForSelector('#form-editor .fjs-editor-container :text("Comment")');
    await screenshot(admin, 'inbox-form-editor');
    await admin.click('#form-editor-save');
    await admin.waitForSelector('.toast.success:has-text("reviewRequestForm")');
    await admin.waitForSelector('#save-state.save-saved', { timeout: 20_000 });
    const draft = await ok(await server.api('/api/clusters/demo/processes/e2eForm/draft'));
    assert.deepEqual(draft.forms.map((f) => f.id), ['reviewRequestForm']);
    assert.match(draft.xml, /flowable:formKey="reviewRequestForm"/);
    await publish(admin, 1, 'inbox-');
    const details = await ok(await server.api('/api/clusters/demo/processes/e2eForm'));
    assert.deepEqual(details.versions[0].forms, ['reviewRequestForm']);
    await admin.context().close();

    const runId = await startRun('e2eForm');
    const task = await taskOfRun(runId);
    // ann claims it and delegates it to bob, who is in no group
    await ok(await server.api('/api/users', { method: 'POST', body: JSON.stringify({
      username: DELEGATE.username, password: DELEGATE.password, roles: ['OPERATOR'], groups: [] }) }), 201);
    const ann = await approverPage();
    await ann.goto(`${server.baseUrl}/inbox/tasks/${task.id}`);
    await ann.click('[data-action="claim"]');
    await ann.waitForSelector('[data-action="delegate"]');
    await ann.click('[data-action="delegate"]');
    await ann.fill('dialog input[name=user]', DELEGATE.username);
    await ann.click('dialog button[type=submit]');
    await ann.waitForSelector(`.toast.success:has-text("Delegated to ${DELEGATE.username}")`);
    await ann.context().close();

    const page = await newPage(browser);
    await loginAs(page, DELEGATE);
    await page.goto(`${server.baseUrl}/inbox`);
    await page.locator('#inbox-list tr', { hasText: 'Review request' }).locator('a:has-text("Open")').click();
    await page.waitForSelector('#task-form .fjs-form');
    assert.match(await page.locator('#task-who').innerText(), /Delegated to you by ann/);
    assert.match(await page.locator('#task-form').innerText(), /Review request/);
    await page.locator('#task-form input[type=text]').fill('Checked the numbers');
    await screenshot(page, 'inbox-custom-form');
    await page.click('#complete');
    await page.waitForURL('**/inbox');
    const run = await waitForRunStatus(runId, 'completed');
    assert.equal(run.variables.comment, 'Checked the numbers');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a signed link from a message opens the task after login, and says so once it has expired', { timeout: 180_000 }, async () => {
    await ok(await server.api('/api/clusters/demo/notifiers', { method: 'POST', body: JSON.stringify({
      name: 'e2e-hook', type: 'webhook', settings: { url: `http://127.0.0.1:${hook.address().port}/hook`, signingSecret: 'e2e-hook-secret-123' } }) }), 201);
    await ok(await server.api('/api/clusters/demo/notification-rules', { method: 'POST', body: JSON.stringify({
      event: 'approval-waiting', processDefinitionKey: 'e2eApproval', notifiers: ['e2e-hook'] }) }), 201);
    const runId = await startRun('e2eApproval');
    const task = await taskOfRun(runId);
    let link = null;
    for (let i = 0; i < 80 && !link; i++) {
      link = hookBodies.map((b) => b?.event?.link).find((l) => l && l.includes(`/inbox/tasks/${task.id}?`)) ?? null;
      if (!link) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(link, `a notification with a link to task ${task.id}: ${JSON.stringify(hookBodies)}`);
    const exp = Number(new URL(link, server.baseUrl).searchParams.get('exp'));

    // not signed in: the login comes first, then the task opens
    const page = await newPage(browser);
    await page.goto(server.baseUrl + link);
    await page.waitForURL('**/login');
    await page.fill('input[name=username]', APPROVER.username);
    await page.fill('input[name=password]', APPROVER.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('#task-title');
    assert.equal(new URL(page.url()).pathname, `/inbox/tasks/${task.id}`);
    await screenshot(page, 'inbox-link-valid');

    // an altered signature is invalid
    await page.goto(`${server.baseUrl}${link.replace(/sig=./, (m) => (m.endsWith('A') ? 'sig=B' : 'sig=A'))}`);
    await page.waitForSelector('#link-check.invalid');
    assert.match(await page.locator('#link-check').innerText(), /This link is invalid/);

    // past its expiry the same link says so
    const wait = exp * 1000 - Date.now() + 1500;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await page.goto(server.baseUrl + link);
    await page.waitForSelector('#link-check.expired');
    assert.match(await page.locator('#link-check').innerText(), /This link has expired/);
    await screenshot(page, 'inbox-link-expired');
    await page.context().close();
  });
});
