import { IPC_CALL_CHANNEL } from '../contract/names';
import { fail, type Result } from '../contract/result';
import { dispatchCall } from '../engine/api/dispatch-call';
import type { Handlers } from '../engine/api/handlers';
import { isTrustedSender, type FrameLike } from './sender-check';

/** The part of Electron's ipcMain this module uses (tests pass their own). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: FrameLike | null }, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions {
  handlers: Handlers;
  /** The page allowed to call (file:// URL of index.html, or the dev server's URL). */
  appUrl: string;
  report?: (error: unknown, context: string) => void;
}

/**
 * One channel for every call: the sender check, then dispatchCall (known name, schema-valid input,
 * errors as Results). Returns the function that unregisters it.
 */
export function registerIpc(ipcMain: IpcMainLike, options: RegisterIpcOptions): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name, input): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, options.appUrl)) {
      options.report?.(
        new Error(`refused a call from ${event.senderFrame?.url ?? 'a closed frame'}`),
        'ipc',
      );
      return fail('forbidden', 'calls are accepted only from the Hookscope window');
    }
    return dispatchCall(options.handlers, name, input, options.report);
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}
