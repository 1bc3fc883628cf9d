import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../../electron/contract/api';
import { IPC_CALL_CHANNEL } from '../../../electron/contract/names';
import type { Handlers } from '../../../electron/engine/api/handlers';
import { externalUrlToOpen, isAppUrl } from '../../../electron/main/app-url';
import { registerIpc, type IpcMainLike } from '../../../electron/main/register-ipc';
import { isTrustedSender } from '../../../electron/main/sender-check';

const APP_URL = pathToFileURL('/opt/Hookscope/resources/app.asar/dist/renderer/index.html').href;
const mainFrame = { url: `${APP_URL}#/inbox`, parent: null };

describe('sender check', () => {
  it('trusts only the app page in the top frame', () => {
    expect(isTrustedSender(mainFrame, APP_URL)).toBe(true);
    expect(isTrustedSender({ url: APP_URL, parent: mainFrame }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/body.html', parent: null }, APP_URL)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, APP_URL)).toBe(false);
    expect(isTrustedSender(null, APP_URL)).toBe(false);
  });

  it('compares origins for the dev server', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl('not a url', APP_URL)).toBe(false);
  });

  it('opens only parsed http(s) URLs externally', () => {
    expect(externalUrlToOpen('https://example.com/docs?a=1')).toBe('https://example.com/docs?a=1');
    expect(externalUrlToOpen('javascript:alert(1)')).toBeNull();
    expect(externalUrlToOpen('file:///etc/passwd')).toBeNull();
    expect(externalUrlToOpen('smb://host/share')).toBeNull();
    expect(externalUrlToOpen('  ')).toBeNull();
  });
});

/** Stands in for Electron's ipcMain (the Electron binary is not on this machine). */
function fakeIpcMain() {
  const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

function recordingHandlers() {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      async () => {
        ran.push(name);
        return { count: 3, bytes: 9 };
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, ran };
}

describe('registerIpc', () => {
  it('registers one call channel and unregisters it', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const dispose = registerIpc(ipcMain, {
      handlers: recordingHandlers().handlers,
      appUrl: APP_URL,
    });
    expect([...handlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('refuses a call from a foreign frame without running the handler', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const { handlers: api, ran } = recordingHandlers();
    const refused: unknown[] = [];
    registerIpc(ipcMain, {
      handlers: api,
      appUrl: APP_URL,
      report: (error) => refused.push(error),
    });
    const handle = handlers.get(IPC_CALL_CHANNEL);
    const fromIframe = await handle?.(
      { senderFrame: { url: APP_URL, parent: mainFrame } },
      'deliveries:stats',
      {},
    );
    const fromElsewhere = await handle?.(
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      'deliveries:stats',
      {},
    );
    const fromClosed = await handle?.({ senderFrame: null }, 'deliveries:stats', {});
    for (const result of [fromIframe, fromElsewhere, fromClosed]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(ran).toEqual([]);
    expect(refused).toHaveLength(3);
  });

  it('validates input and runs the handler for the app frame', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const { handlers: api, ran } = recordingHandlers();
    registerIpc(ipcMain, { handlers: api, appUrl: APP_URL });
    const handle = handlers.get(IPC_CALL_CHANNEL);
    const invalid = await handle?.({ senderFrame: mainFrame }, 'deliveries:get', { id: 7 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const unknown = await handle?.({ senderFrame: mainFrame }, 'shell:exec', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    const stats = await handle?.({ senderFrame: mainFrame }, 'deliveries:stats', undefined);
    expect(stats).toEqual({ ok: true, value: { count: 3, bytes: 9 } });
    expect(ran).toEqual(['deliveries:stats']);
  });
});
