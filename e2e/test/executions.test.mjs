// The executions pages in Chromium against the real server jar: the list with its filters in the URL, a run
// followed live until it completes (the test completes its user task through /process-api), and each action
// (cancel with a reason, resume of the cancelled run, kill, retry of a failing run after fixing a variable).
// Screenshots go to target/screenshots/executions-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromiumOrSkip, launch, login, newPage, screenshot } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const chromiumPath = chromiumOrSkip();
const CLUSTER = 'demo';
let server;
let browser;

/** A BPMN file without diagram interchange (the UI lays it out), as a script would deploy it. */
function bpmn(key, name, body) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
             targetNamespace="http://pveflow.io/e2e">
  <process id="${key}" name="${name}" isExecutable="true">
${body}
  </process>
</definitions>`;
}

const APPROVAL = bpmn('e2eApproval', 'E2E approval', `
    <startEvent id="start" name="Start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
    <userTask id="approve" name="Approve change"/>
    <sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
    <endEvent id="end" name="Done"/>`);

const FAILING = bpmn('e2eFailing', 'E2E failing check', `
    <startEvent id="start" name="Start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <scriptTask id="check" name="Check guest" scriptFormat="javascript" flowable:async="true" flowable:failedJobRetryTimeCycle="R1/PT0S">
      <script>if (!execution.getVariable('fixed')) { throw new Error('not ready'); }</script>
    </scriptTask>
    <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
    <endEvent id="end" name="Done"/>`);

const SNAPSHOT = bpmn('e2eSnapshot', 'E2E snapshot', `
    <startEvent id="start" name="Start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="snap"/>
    <serviceTask id="snap" name="Snapshot guest 100" flowable:triggerable="true" flowable:delegateExpression="\${pveSnapshotCreate}">
      <extensionElements>
        <flowable:field name="vmid"><flowable:string>100</flowable:string></flowable:field>
        <flowable:field name="snapname"><flowable:expression>\${snapname}</flowable:expression></flowable:field>
        <flowable:field name="resultVariable"><flowable:string>snapshot</flowable:string></flowable:field>
      </extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="snap" targetRef="end"/>
    <endEvent id="end" name="Done"/>`);

async function deploy(key, xml) {
  const form = new FormData();
  form.append('tenantId', CLUSTER);
  form.append('file', new Blob([xml], { type: 'application/xml' }), `${key}.bpmn20.xml`);
  const response = await server.api('/process-api/repository/deployments', { method: 'POST', body: form });
  assert.equal(response.status, 201, response.text);
}

async function startRun(processKey, variables = {}, businessKey) {
  const response = await server.api('/api/executions', { method: 'POST',
    body: JSON.stringify({ clusterId: CLUSTER, processKey, variables, ...(businessKey ? { businessKey } : {}) }) });
  assert.equal(response.status, 201, response.text);
  return response.json.id;
}

async function run(id) {
  const response = await server.api(`/api/executions/${encodeURIComponent(id)}`);
  assert.equal(response.status, 200, response.text);
  return response.json;
}

/** Polls the API (bounded) until the run has the status. */
async function awaitStatus(id, status, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await run(id);
    if (last.status === status) return last;
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.fail(`run ${id} did not become ${status} within ${timeoutMs} ms (last: ${last?.status})`);
}

async function completeUserTask(processInstanceId) {
  const tasks = await server.api(`/process-api/runtime/tasks?processInstanceId=${encodeURIComponent(processInstanceId)}`);
  assert.equal(tasks.status, 200, tasks.text);
  assert.equal(tasks.json.data.length, 1, tasks.text);
  const done = await server.api(`/process-api/runtime/tasks/${tasks.json.data[0].id}`, { method: 'POST',
    body: JSON.stringify({ action: 'complete' }) });
  assert.equal(done.status, 200, done.text);
}

async function signedInPage(options) {
  const page = await newPage(browser, options);
  await login(page, server);
  return page;
}

async function openRun(page, id) {
  await page.goto(`${server.baseUrl}/executions/${encodeURIComponent(id)}`);
  await page.waitForSelector('#run-status');
  await page.waitForSelector('#run-canvas[data-ready="true"] .djs-element.djs-shape');
}

/** The ids of the runs the list shows. */
function listedIds(page) {
  return page.locator('#execution-list tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.execution));
}

describe('executions UI', { skip: chromiumPath ? false : 'Chromium is missing' }, () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
    await deploy('e2eApproval', APPROVAL);
    await deploy('e2eFailing', FAILING);
    await deploy('e2eSnapshot', SNAPSHOT);
  }, { timeout: 300_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
  }, { timeout: 60_000 });

  test('lists runs with status badges and filters kept in the URL', { timeout: 120_000 }, async () => {
    const first = await startRun('e2eApproval', {}, 'change-100');
    const second = await startRun('e2eApproval', {}, 'change-200');
    const failing = await startRun('e2eFailing', { fixed: false });
    await awaitStatus(first, 'waiting');
    await awaitStatus(second, 'waiting');
    await awaitStatus(failing, 'failed');

    const page = await signedInPage();
    await page.goto(`${server.baseUrl}/executions`);
    await page.waitForSelector(`#execution-list tr[data-execution="${failing}"]`);
    assert.match(await page.locator(`tr[data-execution="${first}"] .badge`).innerText(), /Waiting · approval/);
    assert.equal(await page.locator(`tr[data-execution="${failing}"] .badge.run-failed`).count(), 1);
    assert.match(await page.locator(`tr[data-execution="${failing}"]`).innerText(), /not ready/);
    assert.match(await page.locator(`tr[data-execution="${first}"]`).innerText(), /admin via api/);
    await screenshot(page, 'executions-list');

    // Status filter: only the failing run; the URL records it.
    await page.selectOption('#f-status', 'failed');
    await page.waitForURL(/status=failed/);
    await page.waitForFunction((id) => [...document.querySelectorAll('#execution-list tbody tr')].every((r) => r.dataset.execution === id)
      && document.querySelectorAll('#execution-list tbody tr').length === 1, failing);

    // Process and business key filters, then a reload restores them from the URL.
    await page.selectOption('#f-status', '');
    await page.fill('#f-process', 'e2eApproval');
    await page.fill('#f-businessKey', 'change-200');
    await page.click('#apply-filters');
    await page.waitForURL(/businessKey=change-200/);
    await page.waitForFunction(() => document.querySelectorAll('#execution-list tbody tr').length === 1);
    assert.deepEqual(await listedIds(page), [second]);
    assert.match(page.url(), /process=e2eApproval/);
    await page.reload();
    await page.waitForSelector(`#execution-list tr[data-execution="${second}"]`);
    assert.equal(await page.locator('#f-process').inputValue(), 'e2eApproval');
    assert.equal(await page.locator('#f-businessKey').inputValue(), 'change-200');
    assert.deepEqual(await listedIds(page), [second]);
    await screenshot(page, 'executions-list-filtered');

    // Paging: one run a page.
    await page.goto(`${server.baseUrl}/executions?process=e2eApproval&size=1`);
    await page.waitForSelector('#execution-list tbody tr');
    assert.equal(await page.locator('#prev-page').isDisabled(), true);
    const top = await listedIds(page);
    await page.click('#next-page');
    await page.waitForURL(/page=1/);
    await page.waitForFunction((id) => document.querySelector('#execution-list tbody tr')?.dataset.execution !== id, top[0]);
    assert.equal(await page.locator('#prev-page').isDisabled(), false);
    await page.goBack();
    await page.waitForFunction((id) => document.querySelector('#execution-list tbody tr')?.dataset.execution === id, top[0]);

    // A row opens its run.
    await page.goto(`${server.baseUrl}/executions?businessKey=change-100`);
    await page.click(`#execution-list tr[data-execution="${first}"] td:nth-child(3)`);
    await page.waitForURL(`**/executions/${first}`);
    await page.waitForSelector('#run-status[data-status="waiting"]');

    // Auto-refresh picks up a new run without a reload.
    await page.goto(`${server.baseUrl}/executions?process=e2eApproval`);
    await page.waitForSelector('#execution-list tbody tr');
    const third = await startRun('e2eApproval', {}, 'change-300');
    await page.waitForSelector(`#execution-list tr[data-execution="${third}"]`, { timeout: 15_000 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('follows a run live until it completes, with diagram and timeline in step', { timeout: 120_000 }, async () => {
    const id = await startRun('e2eApproval', { vmid: 101, apiToken: 'very-secret' }, 'live-1');
    const page = await signedInPage();
    await openRun(page, id);
    await page.waitForSelector('#run-status[data-status="waiting"]');
    await page.waitForSelector('#live[data-state="live"]');
    await page.waitForSelector('#run-canvas .djs-element.run-active[data-element-id="approve"]');
    await page.waitForSelector('#run-canvas .djs-element.run-completed[data-element-id="start"]');
    assert.equal(await page.locator('#variable-list td:has-text("very-secret")').count(), 0, 'secrets masked');
    assert.equal(await page.locator('#variable-list tr:has-text("apiToken") td').innerText(), '********');

    // Timeline -> diagram, diagram -> timeline.
    await page.click('#steps tr[data-activity="start"]');
    await page.waitForSelector('#run-canvas .djs-element.run-selected[data-element-id="start"]');
    assert.match(await page.locator('#step-panel h2').innerText(), /Start/);
    const box = await page.locator('#run-canvas .djs-shape[data-element-id="approve"]').boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#steps tr.selected[data-activity="approve"]');
    assert.match(await page.locator('#step-panel h2').innerText(), /Approve change/);
    await screenshot(page, 'executions-run-waiting');

    await completeUserTask(id);
    await page.waitForSelector('#run-status[data-status="completed"]', { timeout: 20_000 });
    await page.waitForSelector('#live[data-state="ended"]');
    await page.waitForSelector('#run-canvas .djs-element.run-completed[data-element-id="end"]');
    await page.waitForSelector('#steps tr[data-activity="approve"][data-status="completed"]');
    assert.equal(await page.locator('#run-canvas .djs-element.run-active').count(), 0);
    // Nothing can be done to a completed run: disabled, saying why.
    assert.equal(await page.locator('#action-cancel').isDisabled(), true);
    assert.equal(await page.locator('#action-cancel').getAttribute('title'), 'The run has already ended (completed)');
    await screenshot(page, 'executions-run-completed');

    // Dark theme.
    await page.evaluate(() => localStorage.setItem('pveflow.theme', 'dark'));
    await openRun(page, id);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await screenshot(page, 'executions-run-dark');
    await page.evaluate(() => localStorage.removeItem('pveflow.theme'));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("streams a Proxmox step's task while it runs", { timeout: 120_000 }, async () => {
    const id = await startRun('e2eSnapshot', { snapname: `e2e${Date.now()}` });
    const page = await signedInPage();
    await openRun(page, id);
    // The demo cluster's tasks take seconds: the step waits on its task with the UPID shown and the log streaming.
    await page.waitForSelector('#run-status[data-status="waiting"]');
    assert.match(await page.locator('#run-status').innerText(), /Proxmox task/);
    await page.waitForSelector('#steps tr.selected[data-activity="snap"][data-status="active"]');
    await page.waitForSelector('#task-facts td:has-text("UPID:")');
    await page.waitForSelector('#run-canvas .djs-element.run-active[data-element-id="snap"]');
    await screenshot(page, 'executions-pve-task-running');
    await page.waitForSelector('#run-status[data-status="completed"]', { timeout: 60_000 });
    await page.waitForSelector('#task-exit:has-text("OK")');
    const log = await page.locator('#task-log').innerText();
    assert.ok(log.trim().length > 0 && !/No log|Waiting for the task log/.test(log), `the task log is shown: ${log}`);
    const detail = await run(id);
    const step = detail.steps.find((s) => s.activityId === 'snap');
    assert.equal(await page.locator('#task-facts tr:has-text("UPID") td').innerText(), step.pveTask.upid);
    await screenshot(page, 'executions-pve-task-done');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('cancels a run with a reason', { timeout: 120_000 }, async () => {
    const id = await startRun('e2eApproval', { note: 'resume me' });
    await awaitStatus(id, 'waiting');
    const page = await signedInPage();
    await openRun(page, id);
    assert.equal(await page.locator('#action-resume').isDisabled(), true, 'a waiting run cannot be resumed');
    assert.equal(await page.locator('#action-resume').getAttribute('title'), 'Only failed and cancelled runs can be resumed');
    await page.click('#action-cancel');
    await page.waitForSelector('dialog #action-reason');
    // No reason: the dialog stays open.
    await page.click('dialog button[type=submit]');
    assert.equal(await page.locator('dialog[open]').count(), 1);
    await page.fill('dialog #action-reason', 'wrong maintenance window');
    await screenshot(page, 'executions-cancel-dialog');
    await page.click('dialog button[type=submit]');
    await page.waitForSelector('#run-status[data-status="cancelled"]');
    await page.waitForSelector('#live[data-state="ended"]');
    assert.match(await page.locator('#cancelled-banner').innerText(), /Cancelled by admin: wrong maintenance window/);
    const cancelled = await run(id);
    assert.equal(cancelled.cancelReason, 'wrong maintenance window');
    assert.equal(cancelled.cancelledBy, 'admin');
    assert.equal(await page.locator('#action-resume').isDisabled(), false, 'a cancelled run can be resumed');
    assert.equal(await page.locator('#action-cancel').isDisabled(), true);
    await screenshot(page, 'executions-cancelled');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  // Resuming starts a run inside the browser session: the session must keep working afterwards (the new run's page
  // loads with it).
  test('resumes a cancelled run as a new run', { timeout: 120_000 }, async () => {
    const id = await startRun('e2eApproval', { note: 'resume me' });
    await awaitStatus(id, 'waiting');
    const cancel = await server.api(`/api/executions/${id}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'try again later' }) });
    assert.equal(cancel.status, 200, cancel.text);
    const page = await signedInPage();
    await openRun(page, id);
    await page.click('#action-resume');
    assert.match(await page.locator('dialog').innerText(), /new run starts at the step this one was cancelled in/);
    await page.click('dialog button[type=submit]');
    await page.waitForURL((url) => url.pathname.startsWith('/executions/') && !url.pathname.endsWith(id));
    const resumed = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    const detail = await run(resumed);
    assert.equal(detail.resumedFrom, id);
    assert.equal(detail.variables.note, 'resume me');
    await page.waitForSelector('#run-status[data-status="waiting"]');
    assert.equal(await page.locator(`#resumed-from a[href="/executions/${id}"]`).count(), 1);
    await page.waitForSelector('#run-canvas[data-ready="true"] .djs-element.run-active[data-element-id="approve"]');
    await screenshot(page, 'executions-resumed');
    await page.click('#resumed-from a');
    await page.waitForURL(`**/executions/${id}`);
    await page.waitForSelector('#run-status[data-status="cancelled"]');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('kills a run, explaining that it stops the Proxmox tasks in flight', { timeout: 120_000 }, async () => {
    const id = await startRun('e2eApproval');
    await awaitStatus(id, 'waiting');
    const page = await signedInPage();
    await openRun(page, id);
    await page.click('#action-kill');
    await page.waitForSelector('dialog #action-reason');
    assert.match(await page.locator('dialog').innerText(), /stops the Proxmox tasks it has in flight/);
    await page.fill('dialog #action-reason', 'guest is on fire');
    await screenshot(page, 'executions-kill-dialog');
    await page.click('dialog button[type=submit]');
    await page.waitForSelector('#run-status[data-status="cancelled"]');
    assert.match(await page.locator('#cancelled-banner').innerText(), /guest is on fire/);
    assert.equal((await run(id)).cancelReason, 'guest is on fire');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('retries a failing run after fixing its variable', { timeout: 120_000 }, async () => {
    const id = await startRun('e2eFailing', { fixed: false });
    await awaitStatus(id, 'failed');
    const page = await signedInPage();
    await openRun(page, id);
    await page.waitForSelector('#run-status[data-status="failed"]');
    await page.waitForSelector('#run-canvas .djs-element.run-failed[data-element-id="check"]');
    assert.match(await page.locator('#incidents').innerText(), /not ready/);
    assert.match(await page.locator('#failure-banner').innerText(), /not ready/);
    assert.match(await page.locator('#step-panel').innerText(), /not ready/, 'the failed step is selected');
    await screenshot(page, 'executions-failed');

    await page.click('#action-retry');
    await page.waitForSelector('dialog #retry-variables');
    await page.fill('dialog #retry-variables', '{fixed: true}');
    await page.click('dialog button[type=submit]');
    await page.waitForSelector('dialog [role=alert]:has-text("not valid JSON")');
    await page.fill('dialog #retry-variables', '{"fixed": true}');
    await screenshot(page, 'executions-retry-dialog');
    await page.click('dialog button[type=submit]');
    await page.waitForSelector('#run-status[data-status="completed"]', { timeout: 30_000 });
    await page.waitForSelector('#run-canvas .djs-element.run-completed[data-element-id="check"]');
    assert.equal(await page.locator('#incidents li').count(), 0);
    assert.equal((await run(id)).variables.fixed, true);
    await screenshot(page, 'executions-retried');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('shows a viewer the actions disabled, saying why', { timeout: 120_000 }, async () => {
    const created = await server.api('/api/users', { method: 'POST',
      body: JSON.stringify({ username: 'e2e-viewer', password: 'viewer-password-0123', roles: ['VIEWER'] }) });
    assert.equal(created.status, 201, created.text);
    const id = await startRun('e2eApproval');
    await awaitStatus(id, 'waiting');
    const page = await newPage(browser);
    await login(page, { ...server, username: 'e2e-viewer', password: 'viewer-password-0123' });
    await openRun(page, id);
    for (const action of ['retry', 'resume', 'cancel', 'kill']) {
      const button = page.locator(`#action-${action}`);
      assert.equal(await button.isDisabled(), true, `${action} is disabled for a viewer`);
      assert.match(await button.getAttribute('title'), /Operators and admins act on runs/);
    }
    await screenshot(page, 'executions-viewer');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("shows the server's message when an action is refused", { timeout: 120_000 }, async () => {
    const id = await startRun('e2eFailing', { fixed: false });
    await awaitStatus(id, 'failed');
    const page = await signedInPage();
    await openRun(page, id);
    await page.click('#action-retry');
    await page.waitForSelector('dialog #retry-variables');
    // Someone else repairs the run while the dialog is open; this retry then finds no failed job.
    const other = await server.api(`/api/executions/${id}/retry`, { method: 'POST', body: JSON.stringify({ variables: { fixed: true } }) });
    assert.equal(other.status, 200, other.text);
    await page.click('dialog button[type=submit]');
    // The job may still be pending (no failed job) or the run already done (only a running run can be retried).
    const alert = page.locator('dialog [role=alert]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /has no failed job|only a running run can be retried/);
    await screenshot(page, 'executions-refused');
    await page.click('dialog button:has-text("Cancel")');
    await page.context().close();
  });
});
