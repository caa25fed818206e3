// The audit log page in Chromium against the real server jar: an admin finds a cluster change and a cancelled run
// by filtering, with the run linked to its page; a viewer gets no audit entry in the navigation.
// Screenshots go to target/screenshots/audit-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromiumOrSkip, launch, login, newPage, screenshot } from '../support/browser.mjs';
import { startServer } from '../support/server.mjs';

const chromiumPath = chromiumOrSkip();
let server;
let browser;

describe('audit log', { skip: chromiumPath === null }, () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an admin filters the log and opens the run an entry names', async () => {
    const created = await server.api('/api/clusters', { method: 'POST', body: JSON.stringify({ id: 'audit-e2e',
      endpoints: ['pve1.example.test'], tokenId: 'a@pve!b', tokenSecret: 'never-shown', tls: { mode: 'system' } }) });
    assert.equal(created.status, 201, created.text);
    const form = new FormData();
    form.append('tenantId', 'demo');
    form.append('file', new Blob([`<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="http://pveflow.io/e2e">
  <process id="e2eAudited" name="E2E audited" isExecutable="true">
    <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <userTask id="wait" name="Wait"/><sequenceFlow id="f2" sourceRef="wait" targetRef="end"/><endEvent id="end"/>
  </process>
</definitions>`], { type: 'application/xml' }), 'e2eAudited.bpmn20.xml');
    assert.equal((await server.api('/process-api/repository/deployments', { method: 'POST', body: form })).status, 201);
    const started = await server.api('/api/executions', { method: 'POST', body: JSON.stringify({ clusterId: 'demo', processKey: 'e2eAudited' }) });
    assert.equal(started.status, 201, started.text);
    const runId = started.json.id;
    const cancelled = await server.api(`/api/executions/${runId}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'audit e2e' }) });
    assert.equal(cancelled.status, 200, cancelled.text);

    const page = await newPage(browser);
    await login(page, server);
    await page.click('nav a[data-nav=audit]');
    await page.waitForURL((url) => url.pathname === '/audit');
    await page.waitForSelector('#audit-list tbody tr');
    await page.fill('#a-action', 'cluster-add');
    await page.click('#audit-filters button[type=submit]');
    await page.waitForURL((url) => url.search.includes('action=cluster-add'));
    // The unfiltered list may still be on the page (it has a cluster-add row too): wait for the filtered one.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('#audit-list tbody tr')];
      return rows.length > 0 && rows.every((row) => row.dataset.action === 'cluster-add');
    });
    const rows = await page.locator('#audit-list tbody tr').allTextContents();
    assert.ok(rows.every((r) => r.includes('cluster-add')), `only cluster-add entries: ${rows}`);
    assert.ok(rows.some((r) => r.includes('audit-e2e')), `the new cluster is listed: ${rows}`);
    assert.ok(!(await page.content()).includes('never-shown'), 'no secret on the page');
    await screenshot(page, 'audit-filtered');

    await page.goto(`${server.baseUrl}/audit?action=cancel`);
    const link = page.locator(`#audit-list a[href="/executions/${runId}"]`);
    await link.first().waitFor();
    assert.match(await page.locator('#audit-list tbody').textContent(), /audit e2e/);
    await link.first().click();
    await page.waitForURL((url) => url.pathname === `/executions/${runId}`);
    assert.deepEqual(page.errors, []);
  });

  test('a viewer has no audit entry in the navigation and is told why the log stays closed', async () => {
    const user = await server.api('/api/users', { method: 'POST', body: JSON.stringify({ username: 'audit-viewer',
      password: 'audit-viewer-password', roles: ['VIEWER'] }) });
    assert.equal(user.status, 201, user.text);
    const page = await newPage(browser);
    await login(page, { ...server, username: 'audit-viewer', password: 'audit-viewer-password' });
    await page.waitForSelector('nav a[data-nav=executions]');
    assert.equal(await page.locator('nav a[data-nav=audit]').count(), 0);
    await page.goto(`${server.baseUrl}/audit`);
    await page.waitForSelector('#audit-status');
    await page.waitForFunction(() => document.getElementById('audit-status')?.textContent?.includes('administrators'));
    await screenshot(page, 'audit-viewer');
  });
});
