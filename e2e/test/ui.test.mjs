// The web UI in Chromium against the real server jar: sign in, model a process from PVE steps with the pickers,
// publish and start it, import a foreign file, compare versions. Screenshots go to target/screenshots/.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { chromiumOrSkip, launch, login, newPage, publish, screenshot } from '../support/browser.mjs';
import { moduleDir, startServer } from '../support/server.mjs';

const chromiumPath = chromiumOrSkip();
let server;
let browser;

async function signedInPage() {
  const page = await newPage(browser);
  await login(page, server);
  return page;
}

/** Creates a process through the "New process" dialog and waits for its editor. */
async function newProcess(page, name, key) {
  await page.goto(`${server.baseUrl}/processes`);
  await page.click('#new-process');
  await page.fill('dialog input[name=name]', name);
  await page.fill('dialog input[name=key]', key);
  await page.click('dialog button[type=submit]');
  await page.waitForURL(`**/processes/demo/${key}`);
  await page.waitForSelector('#canvas .djs-container');
}

/** Drags a PVE step from the activity panel onto the canvas at (x, y) relative to the canvas; answers its id. */
async function dragActivity(page, activityId, x, y) {
  const before = new Set(await shapeIds(page));
  const source = await page.locator(`.activity[data-activity="${activityId}"]`).boundingBox();
  const canvas = await page.locator('#canvas').boundingBox();
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + x - 40, canvas.y + y, { steps: 8 });
  await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 8 });
  await page.mouse.up();
  await settle(page);
  const added = (await shapeIds(page)).filter((id) => !before.has(id));
  assert.equal(added.length, 1, `one shape added by dropping ${activityId}, got ${added}`);
  return added[0];
}

/** diagram-js ignores clicks for 400 ms after a drag (its ghost-click trap): wait that out. */
async function settle(page) {
  await page.waitForTimeout(450);
}

/** Clicks empty canvas (selects the process): top middle, clear of the palette, the minimap toggle, the lint
 * button and the bpmn.io logo (which opens a lightbox). */
async function clickEmpty(page) {
  const canvas = await page.locator('#canvas').boundingBox();
  await page.mouse.click(canvas.x + canvas.width / 2 + 100, canvas.y + 50);
}

async function shapeIds(page) {
  return page.evaluate(() => [...document.querySelectorAll('#canvas .djs-element.djs-shape')]
    .map((g) => g.getAttribute('data-element-id')).filter((id) => id && !id.endsWith('_label')));
}

/** Clicks the middle of a shape (mouse, so overlays and markers do not get in the way). */
async function clickShape(page, id, options = {}) {
  const box = await page.locator(`#canvas .djs-shape[data-element-id="${id}"]`).boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + Math.min(box.height / 2, 12)];
  await page.mouse.move(x - 5, y - 5);
  await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.click(x, y, options);
}

/** Renames a shape through label editing on the canvas. */
async function rename(page, id, name) {
  await clickShape(page, id, { clickCount: 2 });
  await page.waitForSelector('.djs-direct-editing-parent');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(name);
  const canvas = await page.locator('#canvas').boundingBox();
  await page.mouse.click(canvas.x + canvas.width - 60, canvas.y + canvas.height - 150);
}

async function savedDraft(page) {
  await page.waitForSelector('#save-state.save-saved', { timeout: 20_000 });
}

describe('web UI', { skip: chromiumPath ? false : 'Chromium is missing' }, () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
  }, { timeout: 300_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
  }, { timeout: 60_000 });

  test('signs in and shows the processes of the demo cluster and the library', { timeout: 120_000 }, async () => {
    const page = await signedInPage();
    await page.goto(`${server.baseUrl}/processes`);
    await page.waitForSelector('#library');
    assert.equal(await page.locator('#cluster').inputValue(), 'demo');
    assert.ok(await page.locator('#library [data-library]').count() >= 1, 'the shipped library is listed');
    await screenshot(page, '01-processes');
    // Dark theme, kept across reloads.
    await page.click('#theme');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.reload();
    await page.waitForSelector('#library');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await screenshot(page, '01-processes-dark');
    await page.click('#theme');
    await page.click('#library [data-library] a:has-text("View")');
    await page.waitForSelector('#canvas .djs-element.djs-shape');
    await screenshot(page, '02-library-template');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('models a process from PVE steps with pickers, publishes it and starts a run', { timeout: 240_000 }, async () => {
    const page = await signedInPage();
    await newProcess(page, 'E2E snapshot', 'e2eSnapshot');
    await screenshot(page, '03-editor-new');

    // Drag "Create snapshot" into free space and connect the start event to it with the context pad's connect tool.
    const startBox = await page.locator('#canvas [data-element-id="start"]').boundingBox();
    const canvasBox = await page.locator('#canvas').boundingBox();
    const taskId = await dragActivity(page, 'pveSnapshotCreate', startBox.x - canvasBox.x + 220, startBox.y - canvasBox.y + 18);
    assert.equal(await page.locator(`#canvas .djs-shape[data-element-id="${taskId}"] .pve-stripe`).count(), 1, 'drawn as a PVE step');
    await clickShape(page, 'start');
    await page.click('.djs-context-pad [data-action="connect"]');
    await clickShape(page, taskId);
    await settle(page);
    assert.equal(await page.locator('#canvas .djs-connection').count(), 1, 'start and step connected');
    // A second step through the searchable "append PVE step" menu of the context pad, then the end event.
    await clickShape(page, taskId);
    await page.click('.djs-context-pad [data-action="append.pve-step"]');
    await page.fill('.djs-popup-search input', 'guests');
    await page.click('.djs-popup [data-id="pve-pveGetGuests"]');
    assert.equal(await page.locator('#canvas .djs-shape .pve-stripe').count(), 2, 'two PVE steps');
    await page.click('.djs-context-pad [data-action="append.end-event"]');
    assert.equal(await page.locator('#canvas .djs-connection').count(), 3, 'start -> snapshot -> guests -> end');

    // The PVE group of the properties panel: pick a guest from the live (simulated) cluster, type a name.
    await clickShape(page, taskId);
    await page.waitForSelector('[data-group-id="group-pve"]');
    const guest = page.locator('#properties select[data-field="vmid"]');
    await guest.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('#properties select[data-field="vmid"] option').length > 1);
    const firstGuest = await guest.locator('option').nth(1).getAttribute('value');
    await guest.selectOption(firstGuest);
    await page.fill('#properties input[data-field="snapname"]', 'e2e-before');
    await page.press('#properties input[data-field="snapname"]', 'Tab');
    // The node follows from a picker too.
    const node = page.locator('#properties select[data-field="node"]');
    if (await node.count()) {
      await page.waitForFunction(() => document.querySelectorAll('#properties select[data-field="node"] option').length > 1);
      await node.selectOption({ index: 1 });
    }
    await savedDraft(page);
    await screenshot(page, '04-editor-pve-step');

    const draft = await server.api('/api/clusters/demo/processes/e2eSnapshot/draft');
    assert.equal(draft.status, 200, draft.text);
    assert.match(draft.json.xml, /flowable:delegateExpression="\$\{pveSnapshotCreate\}"/);
    assert.match(draft.json.xml, new RegExp(`<flowable:field name="vmid">\\s*<flowable:string>${firstGuest}</flowable:string>`));
    assert.match(draft.json.xml, /<flowable:string>e2e-before<\/flowable:string>/);

    // Problems tab lists the lint warning about the missing error boundary, and selects the element on click.
    await page.click('[data-tab="problems"]');
    const warning = page.locator(`#problems li[data-element="${taskId}"]`).first();
    await warning.waitFor();
    await warning.locator('button').click();
    await screenshot(page, '05-editor-problems');

    // A start input on the process: the start form will ask for it.
    await clickEmpty(page);
    await page.click('[data-tab="properties"]');
    await page.click('[data-group-id="group-pveflow-inputs"] .bio-properties-panel-group-header');
    await page.click('.pve-add-input');
    await page.fill('.pve-input-row input[data-input-field="name"]', 'ticket');
    await page.press('.pve-input-row input[data-input-field="name"]', 'Tab');
    await page.fill('.pve-input-row[data-input="ticket"] input[data-input-field="label"]', 'Change ticket');
    await page.press('.pve-input-row[data-input="ticket"] input[data-input-field="label"]', 'Tab');
    await page.check('.pve-input-row[data-input="ticket"] .pve-input-required input');
    await savedDraft(page);
    await publish(page, 1);
    await page.waitForSelector('#versions li[data-version="1"] .badge.current');
    await screenshot(page, '06-editor-published');

    await page.click('#start-run');
    await page.waitForSelector('dialog button[type=submit]:has-text("Start run")');
    await page.fill('dialog input[name="in-ticket"]', 'CHG-42');
    await screenshot(page, '07-start-form');
    await page.click('dialog button[type=submit]');
    await page.waitForURL(/\/executions\/[^/]+$/);
    const runId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    assert.ok(runId.length > 0);
    await screenshot(page, '08-run');
    const run = await server.api(`/api/executions/${encodeURIComponent(runId)}`);
    assert.equal(run.status, 200, run.text);
    assert.equal(run.json.processKey, 'e2eSnapshot');
    assert.equal(run.json.variables?.ticket, 'CHG-42', JSON.stringify(run.json.variables));
    assert.deepEqual(page.errors.filter((e) => !e.includes('404')), []);
    await page.context().close();
  });

  test('imports a foreign BPMN file and saves it as a draft', { timeout: 120_000 }, async () => {
    const page = await signedInPage();
    await page.goto(`${server.baseUrl}/processes`);
    await page.setInputFiles('#import-file', join(moduleDir, 'test', 'fixtures', 'foreign.bpmn'));
    await page.waitForURL('**/processes/demo/foreignReview');
    await page.waitForSelector('#canvas [data-element-id="Review"]');
    await screenshot(page, '09-imported');
    // An edit saves the draft with the server's revision.
    await rename(page, 'Review', 'Review it twice');
    await savedDraft(page);
    const draft = await server.api('/api/clusters/demo/processes/foreignReview/draft');
    assert.equal(draft.status, 200, draft.text);
    assert.match(draft.json.xml, /Review it twice/);
    assert.match(draft.json.xml, /camunda:assignee="alice"/, 'foreign attributes survive');
    await page.context().close();
  });

  test('shows a conflict when the draft was saved elsewhere, and overwrites on request', { timeout: 120_000 }, async () => {
    const first = await signedInPage();
    const second = await newPage(browser);
    await login(second, server);
    for (const page of [first, second]) {
      await page.goto(`${server.baseUrl}/processes/demo/foreignReview`);
      await page.waitForSelector('#canvas [data-element-id="Review"]');
    }
    await rename(first, 'Review', 'Renamed in the first tab');
    await savedDraft(first);
    await rename(second, 'Review', 'Renamed in the second tab');
    await second.waitForSelector('#banner:not([hidden]) >> text=changed elsewhere');
    assert.match(await second.locator('#save-state').textContent(), /Conflict/);
    await screenshot(second, '11-conflict');
    await second.click('#conflict-overwrite');
    await savedDraft(second);
    const draft = await server.api('/api/clusters/demo/processes/foreignReview/draft');
    assert.match(draft.json.xml, /Renamed in the second tab/);
    await first.context().close();
    await second.context().close();
  });

  test('compares two versions with added, removed and changed elements marked', { timeout: 180_000 }, async () => {
    const page = await signedInPage();
    await page.goto(`${server.baseUrl}/processes/demo/foreignReview`);
    await page.waitForSelector('#canvas [data-element-id="Review"]');
    await publish(page, 1);
    // v2: rename the review, remove nothing, add a PVE step after it.
    await clickShape(page, 'Review');
    await page.keyboard.press('Delete');
    // bpmn-js joins start and end again; a step dropped onto that flow is spliced in.
    const flow = await page.locator('#canvas .djs-connection').first().boundingBox();
    const canvas = await page.locator('#canvas').boundingBox();
    await dragActivity(page, 'pveGetGuests', flow.x - canvas.x + flow.width / 2, flow.y - canvas.y + flow.height / 2);
    assert.equal(await page.locator('#canvas .djs-connection').count(), 2, 'the step sits on the flow');
    await savedDraft(page);
    await publish(page, 2);
    await page.click('[data-tab="versions"]');
    await page.check('#versions input[data-version="1"]');
    await page.check('#versions input[data-version="2"]');
    await page.click('#compare');
    await page.waitForURL('**/compare/1/2');
    await page.waitForSelector('#canvas-a .diff-removed[data-element-id="Review"]');
    assert.ok(await page.locator('#canvas-b .diff-added').count() >= 1, 'the new step is marked as added');
    assert.ok(await page.locator('#canvas-b .diff-changed').count() >= 1, 'the reconnected flow is marked as changed');
    assert.ok(await page.locator('#diff-list li.removed[data-element="Review"]').count() === 1);
    await screenshot(page, '10-compare');
    await page.context().close();
  });
});
