// The Electron shell end to end (Playwright _electron). The binary can't be downloaded on machines
// without internet: there the test is skipped with the reason; where it exists, it must pass.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { HookscopeApi } from '../../electron/contract/api';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { REPO_ROOT } from '../integration/cli/cli-process';
import { requireBuiltRenderer } from './support/app-under-test';
import { saveScreenshot } from './support/browser';

const binary = findElectronBinary();
const skipReason = 'missing' in binary ? `Electron binary not installed: ${binary.missing}` : null;
if (skipReason) process.stderr.write(`electron.test.ts skipped: ${skipReason}\n`);

const MAIN_BUNDLE = join(REPO_ROOT, 'dist', 'main', 'index.cjs');

let electronApp: ElectronApplication | null = null;
let dataDir = '';
afterAll(async () => {
  await electronApp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Electron shell', () => {
  it('boots with the preload bridge only and shows a delivery posted to its receiver', async (context) => {
    if ('missing' in binary) return context.skip(skipReason ?? binary.missing);
    requireBuiltRenderer();
    if (!existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run "npm run build"`);

    dataDir = await mkdtemp(join(tmpdir(), 'hookscope-electron-'));
    electronApp = await _electron.launch({
      executablePath: binary.path,
      // Chromium refuses to run as root with its OS sandbox (CI containers); the renderer's
      // JavaScript sandbox (sandbox: true, contextIsolation) is what this test checks.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN_BUNDLE],
      env: { ...process.env, HOOKSCOPE_DATA_DIR: dataDir, HOOKSCOPE_RECEIVER_PORT: '0' },
    });
    const page = await electronApp.firstWindow();
    await page.locator('[data-app-state="ready"]').waitFor();

    const globals = await page.evaluate(() => ({
      hookscope: typeof (window as { hookscope?: unknown }).hookscope,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    expect(globals).toEqual({
      hookscope: 'object',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });

    const info = await page.evaluate(async () => {
      const api = (window as { hookscope?: HookscopeApi }).hookscope;
      const result = await api?.call('app:info', {});
      const receiver = await api?.call('receiver:info', {});
      return { app: result, receiver };
    });
    expect(info.app?.ok && info.app.value.shell).toBe('electron');
    expect(info.app?.ok && info.app.value.dataDir).toBe(dataDir);
    if (!info.receiver?.ok)
      throw new Error(`receiver:info failed: ${JSON.stringify(info.receiver)}`);

    const reply = await sendRequest(info.receiver.value.url, {
      target: '/from-electron-test',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"shell":"electron"}'),
    });
    const id = answeredId(reply);
    await page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`).waitFor();
    await saveScreenshot(page, 'electron-inbox');
  });
});
