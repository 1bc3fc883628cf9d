// window.hookscope, derived from the contract's names only. SECURITY: the page gets two functions;
// it can't name an IPC channel, can't call anything the contract doesn't list, and never sees
// Electron's event object (it would hand the page `sender`, a handle on the IPC machinery).
import type {
  CallName,
  EventListener,
  EventName,
  HookscopeApi,
  PushedEvent,
} from '../contract/api';
import { IPC_CALL_CHANNEL, IPC_EVENTS_CHANNEL, isCallName, isEventName } from '../contract/names';
import { fail, type Result } from '../contract/result';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildHookscopeApi(ipc: IpcRendererLike): HookscopeApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  // One IPC listener for all events; the page's callbacks get the payload and nothing else.
  ipc.on(IPC_EVENTS_CHANNEL, (_event, batch) => {
    if (!Array.isArray(batch)) return;
    for (const item of batch as PushedEvent[]) {
      if (!isEventName(item?.event)) continue;
      for (const listener of listeners.get(item.event) ?? []) {
        try {
          listener(item.payload);
        } catch (error) {
          // One failing view must not stop the others from hearing the batch.
          setTimeout(() => {
            throw error;
          }, 0);
        }
      }
    }
  });

  const call = async (name: CallName, input?: unknown): Promise<Result<unknown>> => {
    if (!isCallName(name)) return fail('unknown-call', `unknown call "${String(name)}"`);
    try {
      return (await ipc.invoke(IPC_CALL_CHANNEL, name, input)) as Result<unknown>;
    } catch (error) {
      // invoke rejects when the input can't be cloned (a function, a DOM node) or main is gone.
      return fail('unavailable', `the call could not reach Hookscope: ${(error as Error).message}`);
    }
  };

  return {
    call: call as HookscopeApi['call'],
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      if (!isEventName(event)) throw new Error(`unknown event "${String(event)}"`);
      if (typeof listener !== 'function') throw new Error('the listener must be a function');
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
