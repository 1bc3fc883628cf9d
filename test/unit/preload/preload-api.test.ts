import { describe, expect, it } from 'vitest';
import type { CallName, EventName, HookscopeApi } from '../../../electron/contract/api';
import { IPC_CALL_CHANNEL, IPC_EVENTS_CHANNEL } from '../../../electron/contract/names';
import { buildHookscopeApi, type IpcRendererLike } from '../../../electron/preload/build-api';
import { exposeHookscopeApi } from '../../../electron/preload/expose';

/** Stands in for Electron's ipcRenderer (the Electron binary is not on this machine). */
function fakeIpcRenderer(answer: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const invoked: unknown[][] = [];
  const subscriptions = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc: IpcRendererLike = {
    invoke(channel, ...args) {
      invoked.push([channel, ...args]);
      return answer(channel, ...args);
    },
    on(channel, listener) {
      subscriptions.set(channel, listener);
    },
  };
  const push = (batch: unknown) =>
    subscriptions.get(IPC_EVENTS_CHANNEL)?.({ sender: 'IPC-EVENT-OBJECT' }, batch);
  return { ipc, invoked, push };
}

const okAnswer = async () => ({ ok: true, value: 'from-main' });

describe('preload: window.hookscope', () => {
  it('exposes exactly call and on under window.hookscope', () => {
    const exposed: Array<[string, unknown]> = [];
    exposeHookscopeApi(
      { exposeInMainWorld: (key, api) => exposed.push([key, api]) },
      fakeIpcRenderer(okAnswer).ipc,
    );
    expect(exposed).toHaveLength(1);
    expect(exposed[0]?.[0]).toBe('hookscope');
    expect(Object.keys(exposed[0]?.[1] as object).sort()).toEqual(['call', 'on']);
  });

  it('refuses call names the contract does not list, without touching IPC', async () => {
    const { ipc, invoked } = fakeIpcRenderer(okAnswer);
    const api = buildHookscopeApi(ipc);
    for (const name of ['deliveries:nuke', 'hookscope:call', '__proto__', 'constructor']) {
      const result = await api.call(name as CallName);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    }
    expect(invoked).toEqual([]);
  });

  it("sends known calls on the one call channel and returns main's Result", async () => {
    const { ipc, invoked } = fakeIpcRenderer(okAnswer);
    const api = buildHookscopeApi(ipc);
    const result = await api.call('deliveries:list', { limit: 5 });
    expect(result).toEqual({ ok: true, value: 'from-main' });
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'deliveries:list', { limit: 5 }]]);
  });

  it('turns a failed invoke into an unavailable Result instead of throwing', async () => {
    const { ipc } = fakeIpcRenderer(async () => {
      throw new Error('An object could not be cloned.');
    });
    const result = await buildHookscopeApi(ipc).call('app:info');
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('hands listeners the payload only, never the IPC event', () => {
    const { ipc, push } = fakeIpcRenderer(okAnswer);
    const api: HookscopeApi = buildHookscopeApi(ipc);
    const heard: unknown[][] = [];
    api.on('deliveries:deleted', (...args: unknown[]) => heard.push(args));
    push([
      { event: 'deliveries:deleted', payload: ['a', 'b'] },
      { event: 'made:up', payload: 'ignored' },
      { event: 'deliveries:cleared', payload: null },
    ]);
    expect(heard).toEqual([[['a', 'b']]]);
  });

  it('unsubscribes, and refuses unknown event names', () => {
    const { ipc, push } = fakeIpcRenderer(okAnswer);
    const api = buildHookscopeApi(ipc);
    let count = 0;
    const stop = api.on('deliveries:cleared', () => count++);
    push([{ event: 'deliveries:cleared', payload: null }]);
    stop();
    push([{ event: 'deliveries:cleared', payload: null }]);
    expect(count).toBe(1);
    expect(() => api.on('made:up' as EventName, () => undefined)).toThrow(/unknown event/);
  });
});
