// The Tunnel view end to end: real `hookscope serve`, a real local sshd, the Preservica stand-in and
// Chromium. Start an SSH tunnel from the panel, see it online with its URL, survive a killed session
// (banner + history), subscribe Preservica in one click with its steps shown live.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../integration/cli/http-request';
import { startPreservicaStandIn, type PreservicaStandIn } from '../support/preservica-standin';
import { freePort, startSshd, sshdAvailable, SSHD_PATH, type Sshd } from '../support/sshd';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';

if (!sshdAvailable) console.warn(`[skip] ${SSHD_PATH} is missing: install openssh-server`);

const USER = { username: 'manager@example.org', password: 'correct horse', tenant: 'ACME' };

describe.skipIf(!sshdAvailable)('Tunnel view', () => {
  let browser: Browser | null = null;
  let app: AppUnderTest | null = null;
  let opened: OpenedApp | null = null;
  let sshd: Sshd;
  let preservica: PreservicaStandIn;

  beforeAll(async () => {
    sshd = await startSshd();
    preservica = await startPreservicaStandIn({ users: [USER] });
    browser = await launchBrowser();
    app = await startAppUnderTest();
    opened = await openApp(browser, app.uiUrl, { width: 1400, height: 1000 });
  });
  afterAll(async () => {
    await opened?.page.context().close();
    await app?.stop();
    await browser?.close();
    await preservica?.close();
    await sshd?.stop();
  });

  const page = (): Page => {
    if (!opened) throw new Error('app not opened');
    return opened.page;
  };

  async function startSsh(target: string): Promise<void> {
    const p = page();
    await p.getByTestId('tunnel-provider').selectOption('ssh');
    await p.getByTestId('tunnel-target').fill(target);
    await p.getByTestId('tunnel-keyFile').fill(sshd.userKeyFile);
    await p.getByTestId('tunnel-remotePort').fill('0');
    await p.getByTestId('tunnel-hostKeyFingerprint').fill(sshd.hostKeyFingerprint);
    await p.getByTestId('tunnel-start').click();
  }

  it('starts an SSH tunnel from the panel: online, the URL with copy, deliveries through it', async () => {
    const p = page();
    await p.getByTestId('view-tab-tunnel').click();
    await startSsh(sshd.target);
    await p.locator('[data-testid="tunnel-status"][data-state="online"]').waitFor();
    const url = (await p.getByTestId('tunnel-url').textContent()) ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(app?.receiverUrl);
    await expect(p.getByTestId('tunnel-copy-url').isVisible()).resolves.toBe(true);
    expect(await p.getByTestId('tunnel-history-row').count()).toBe(1);
    // The status bar follows the tunnel too (it read receiver:info before the tunnel existed).
    await expect.poll(() => p.getByTestId('status-bar').textContent()).toContain(url);

    const reply = await sendRequest(url, {
      target: '/through-tunnel',
      body: Buffer.from('{"via":"ssh"}'),
    });
    expect(reply.status).toBe(200);
    await saveScreenshot(p, 'tunnel-online');
  });

  it('subscribes Preservica in one click: the challenge goes through the tunnel, each step shows live', async () => {
    const p = page();
    await p.getByTestId('account-provider').selectOption('preservica');
    await p.getByTestId('account-server').fill(preservica.url);
    await p.getByTestId('account-username').fill(USER.username);
    await p.getByTestId('account-password').fill(USER.password);
    await p.getByTestId('account-save').click();
    await p.getByTestId('account-row').first().waitFor();
    await expect(p.getByTestId('account-row').first().textContent()).resolves.not.toContain(
      USER.password,
    );

    await p.getByTestId('subscribe-endpoint').fill('/preservica');
    await p.getByTestId('subscribe-event').fill('MOVED');
    await p.getByTestId('subscribe-submit').click();
    await p.locator('[data-step="subscription-created"]').waitFor();
    const steps = await p
      .locator('[data-testid="subscribe-steps"] li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-step')));
    expect(steps).toEqual([
      'request-sent',
      'challenge-received',
      'challenge-answered',
      'subscription-created',
    ]);
    const url = (await p.getByTestId('tunnel-url').textContent()) ?? '';
    expect(preservica.subscriptions.map((item) => item.url)).toEqual([`${url}/preservica`]);
    await p.getByTestId('subscription-row').first().waitFor();
    await saveScreenshot(p, 'tunnel-subscribed');
  });

  it('a killed SSH session comes back on a new URL: the banner says so loudly and re-points on request', async () => {
    const p = page();
    const before = (await p.getByTestId('tunnel-url').textContent()) ?? '';
    expect(await sshd.killSessions()).toBeGreaterThan(0);
    await p.getByTestId('tunnel-banner').waitFor();
    await p.locator('[data-testid="tunnel-status"][data-state="online"]').waitFor();
    const banner = (await p.getByTestId('tunnel-banner').textContent()) ?? '';
    expect(banner).toContain('The public URL changed');
    expect(banner).toContain(before);
    expect(banner).toContain('1 subscription(s) still point at the old URL');
    await expect.poll(() => p.getByTestId('tunnel-history-row').count()).toBe(2);
    const after = (await p.getByTestId('tunnel-url').textContent()) ?? '';
    expect(after).not.toBe(before);

    await p.getByTestId('tunnel-banner-repoint').click();
    await p.getByTestId('repoint-results').waitFor();
    expect(await p.getByTestId('repoint-results').textContent()).toContain('✓');
    expect(preservica.subscriptions.map((item) => item.url)).toEqual([`${after}/preservica`]);
    await saveScreenshot(p, 'tunnel-url-changed');
  });

  it('shows why a tunnel cannot come up (a server that refuses), and can be stopped', async () => {
    const p = page();
    await p.getByTestId('tunnel-stop').click();
    await p.locator('[data-testid="tunnel-status"][data-state="offline"]').waitFor();
    const closed = await freePort();
    await startSsh(`nobody@127.0.0.1:${closed}`);
    await p.locator('[data-testid="tunnel-status"][data-state="reconnecting"]').waitFor();
    expect(await p.getByTestId('tunnel-reason').textContent()).toContain(`127.0.0.1:${closed}`);
    await saveScreenshot(p, 'tunnel-error');
    await p.getByTestId('tunnel-stop').click();
    await p.locator('[data-testid="tunnel-status"][data-state="offline"]').waitFor();
    expect(opened?.pageErrors).toEqual([]);
  });
});
