import { buildHookscopeApi, type IpcRendererLike } from './build-api';

/** The part of Electron's contextBridge the preload uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

/** The name the renderer reads: `window.hookscope`. */
export const API_GLOBAL = 'hookscope';

export function exposeHookscopeApi(
  contextBridge: ContextBridgeLike,
  ipcRenderer: IpcRendererLike,
): void {
  contextBridge.exposeInMainWorld(API_GLOBAL, buildHookscopeApi(ipcRenderer));
}
