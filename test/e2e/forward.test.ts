// Forwarding on arrival, end to end: a target that is down misses a delivery; once it is back,
// "Catch up" in the Endpoints view sends what it missed, byte for byte.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';

let browser: Browser | null = null;
let app: AppUnderTest | null = null;
let opened: OpenedApp | null = null;
let target: EchoServer | null = null;
let configDir = '';
let targetPort = 0;

/** A port nothing listens on yet: the forward target starts "down". */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  targetPort = await closedPort();
  configDir = mkdtempSync(join(tmpdir(), 'hookscope-forward-e2e-'));
  const config = join(configDir, 'hooks.json');
  writeFileSync(
    config,
    JSON.stringify({
      endpoints: [{ path: '/kanboard', forward: [{ url: `http://127.0.0.1:${targetPort}/kb` }] }],
    }),
  );
  app = await startAppUnderTest({ args: ['--config', config] });
  browser = await launchBrowser();
  opened = await openApp(browser, app.uiUrl);
}, 120_000);

afterAll(async () => {
  await opened?.page.context().close();
  await browser?.close();
  await app?.stop();
  await target?.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('forward on arrival', () => {
  it('loses nothing while the target is down: catch-up sends what it missed', async () => {
    if (!app || !opened) throw new Error('not started');
    const { page } = opened;
    const body = '{"event_name":"task.close","event_data":{"task_id":9}}';
    const reply = await sendRequest(app.receiverUrl, {
      target: '/kanboard',
      headers: { 'Content-Type': 'application/json' },
      body: new TextEncoder().encode(body),
    });
    expect(reply.status).toBe(200);
    const id = answeredId(reply);

    // The target comes back on the same port.
    target = await startEchoServer(targetPort);
    await page.locator('[data-testid="view-tab-endpoints"]').click();
    await page.locator('[data-testid="endpoint-item"][data-path="/kanboard"]').click();
    await expect(page.locator('[data-testid="forward-url"]').inputValue()).resolves.toBe(
      `http://127.0.0.1:${targetPort}/kb`,
    );
    await page.locator('[data-testid="forward-catch-up"]').click();
    await page.locator('[data-testid="forward-report"]', { hasText: 're-sent' }).waitFor();
    await saveScreenshot(page, 'forward-catch-up');

    // Whether a retry or the catch-up got there first, the target has the delivery exactly once.
    await expect.poll(() => target?.received.length ?? 0, { timeout: 15_000 }).toBe(1);
    expect(target.received[0]!.body.toString()).toBe(body);
    expect(target.received[0]!.url).toBe('/kb');
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
  });
});
