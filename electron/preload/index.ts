// Sandboxed preload, bundled to dist/preload/index.cjs: it can require nothing but 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeHookscopeApi } from './expose';

exposeHookscopeApi(contextBridge, ipcRenderer);
