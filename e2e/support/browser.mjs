// Debian's Chromium driven by playwright-core: nothing is downloaded. Missing Chromium skips the tests loudly
// on a developer machine and fails them in CI (where .ci/run installs it).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { targetDir } from './server.mjs';

export const CHROMIUM = process.env.PVEFLOW_CHROMIUM || '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
export const screenshotDir = join(targetDir, 'screenshots');

/** null when Chromium is absent outside CI (the caller skips); throws in CI. */
export function chromiumOrSkip() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const message = `\n!!! ${CHROMIUM} is missing: the browser end-to-end tests are SKIPPED. Install Debian's chromium to run them. !!!\n`;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing and CI is set: .ci/run should have installed chromium`);
  console.error(message);
  return null;
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });
}

export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...options });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

export async function login(page, server) {
  await page.goto(`${server.baseUrl}/login`);
  await page.fill('input[name=username]', server.username);
  await page.fill('input[name=password]', server.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

/**
 * Publishes the open draft through the editor's dialog; a refusal fails with the problems the editor lists (and a
 * screenshot named with `prefix`).
 */
export async function publish(page, version, prefix = '') {
  await page.click('#publish');
  await page.click('dialog button[type=submit]');
  const outcome = await Promise.race([
    page.waitForSelector(`.toast.success:has-text("Published version ${version}")`).then(() => 'published'),
    page.waitForSelector('.toast.error').then(() => 'refused'),
  ]);
  if (outcome !== 'published') {
    await screenshot(page, `${prefix}failed-publish-v${version}`);
    assert.fail(`publish refused: ${await page.locator('.toast.error').first().textContent()}\n${await page.locator('#problems').innerText()}`);
  }
}
