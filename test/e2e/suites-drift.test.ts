// Issue 16 in the browser build: real `hookscope serve`, real HTTP deliveries on loopback, Debian
// Chromium. A suite saved from the inbox and run from the Suites view against a real local target
// that fails one case; and a delivery whose shape departs from 21 earlier ones, flagged as drift.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kanboardTemplates } from '../../electron/engine/providers/kanboard/templates';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

let browser: Browser | null = null;
let app: AppUnderTest | null = null;
let opened: OpenedApp | null = null;
let configDir: string | null = null;
let target: Server | null = null;
/** The bodies the target received, in order. */
let received: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  // Whatever the journey did, the page logged no error and raised no exception.
  if (opened) expect(opened.pageErrors).toEqual([]);
  await opened?.page.context().close();
  opened = null;
  await app?.stop();
  app = null;
  if (configDir) await rm(configDir, { recursive: true, force: true });
  configDir = null;
  await new Promise((resolve) => (target ? target.close(resolve) : resolve(null)));
  target = null;
});

/** Starts serve (with these endpoints in a config file, if any) and opens the app. */
async function start(endpoints: readonly Record<string, unknown>[] = []): Promise<Page> {
  const args: string[] = [];
  if (endpoints.length) {
    configDir = await mkdtemp(join(tmpdir(), 'hookscope-e2e-drift-'));
    const config = join(configDir, 'hookscope.json');
    await writeFile(config, JSON.stringify({ endpoints }));
    args.push('--config', config);
  }
  app = await startAppUnderTest({ args });
  if (!browser) throw new Error('Chromium did not start');
  opened = await openApp(browser, app.uiUrl);
  return opened.page;
}

async function post(path: string, body: string): Promise<string> {
  if (!app) throw new Error('app not started');
  const reply = await sendRequest(app.receiverUrl, {
    target: path,
    headers: JSON_HEADERS,
    body: Buffer.from(body),
  });
  expect(reply.status).toBe(200);
  return answeredId(reply);
}

/** A consumer on loopback that answers 500 to any body saying "bad", 200 to the others. */
async function startTarget(): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      received.push(text);
      const bad = text.includes('"bad"');
      response.statusCode = bad ? 500 : 200;
      response.end(bad ? 'consumer exploded' : 'ok');
    });
  });
  target = server;
  received = [];
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/consumer`;
}

const rows = (page: Page) => page.getByTestId('delivery-row');

describe('suites and drift in the browser', () => {
  it('saves the inbox deliveries as a suite, runs it against a target failing one case, re-runs the failure', async () => {
    const targetUrl = await startTarget();
    const page = await start();
    await post('/orders', '{"order":1}');
    await post('/orders', '{"order":2}');
    await post('/orders', '{"order":3,"bad":true}');
    await rows(page).nth(2).waitFor();
    expect(await rows(page).count()).toBe(3);

    // Offered in the Filters menu: what the filters narrowed the inbox to becomes the suite.
    await page.getByTestId('filter-menus-toggle').click();
    await page.getByTestId('save-suite').click();
    const dialog = page.getByTestId('save-suite-dialog');
    await dialog.getByTestId('save-suite-name').fill('Orders smoke');
    await dialog.getByTestId('save-suite-confirm').click();
    const saved = dialog.getByTestId('save-suite-message');
    await saved.waitFor();
    expect(await saved.textContent()).toBe(
      'Saved "Orders smoke" with 3 cases: run it from Suites.',
    );
    await saveScreenshot(page, 'suites-save');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('view-tab-suites').click();
    const item = page.getByTestId('suite-item');
    expect(await item.textContent()).toBe('Orders smoke 3 cases');
    await page.getByTestId('suite-target').fill(targetUrl);
    await page.getByTestId('suite-run').click();
    const summary = page.getByTestId('suite-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      /^2 passed, 1 failed against http:\/\/127\.0\.0\.1:\d+\/consumer/,
    );
    const failed = page.locator('[data-testid="suite-case"][data-ok="false"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toMatch(/✗.*500.*status 500, expected 2xx/);
    await failed.click();
    expect(await page.getByTestId('suite-case-answer').textContent()).toContain(
      'consumer exploded',
    );
    await saveScreenshot(page, 'suites-run');

    expect(received).toHaveLength(3);

    // Re-run failed sends only that case again; the passing rows stay, the failure is still one.
    const rerun = page.getByTestId('suite-rerun-failed');
    expect(await rerun.textContent()).toBe('Re-run failed (1)');
    await rerun.click();
    // The button is disabled while the run goes on (set in the click's own render).
    await page.locator('[data-testid="suite-rerun-failed"]:not([disabled])').waitFor();
    expect(received).toHaveLength(4);
    expect(received[3]).toContain('"bad"');
    expect(await summary.textContent()).toMatch(/^2 passed, 1 failed/);
    expect(await page.getByTestId('suite-case').count()).toBe(3);
  });

  it('flags the delivery that departs from 21 of one shape, and explains the change', async () => {
    const page = await start([{ path: '/kanboard', provider: 'kanboard' }]);
    const body = kanboardTemplates['task.create'] as {
      event_data: { task: Record<string, unknown> };
    };
    for (let i = 0; i < 21; i++) await post('/kanboard', JSON.stringify(body));
    const changed = structuredClone(body);
    changed.event_data.task['time_estimated'] = null;
    const drifted = await post('/kanboard', JSON.stringify(changed));
    await rows(page).nth(21).waitFor();
    expect(await rows(page).count()).toBe(22);

    const badges = page.getByTestId('row-drift');
    await badges.first().waitFor();
    expect(await badges.count()).toBe(1);
    expect(
      await badges
        .locator('xpath=ancestor::*[@data-delivery-id][1]')
        .getAttribute('data-delivery-id'),
    ).toBe(drifted);

    await page.locator(`[data-testid="delivery-row"][data-delivery-id="${drifted}"]`).click();
    const change = page.getByTestId('drift-change');
    await change.waitFor();
    expect(await change.textContent()).toMatch(
      /^type-change \/event_data\/task\/time_estimated: was string in 21 deliveries since \d{4}-\d{2}-\d{2}, now null$/,
    );
    await saveScreenshot(page, 'drift-detail');
  });
});
