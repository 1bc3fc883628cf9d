// Electron main: lifecycle, the window, IPC from the contract. Everything with logic lives in the
// small modules next to this one; this file only wires Electron to them.
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { IPC_EVENTS_CHANNEL } from '../contract/names';
import { contentSecurityPolicy, developmentContentSecurityPolicy } from '../contract/csp';
import { createApiHandlers } from '../engine/api/handlers';
import { createEventBatcher, type EventBatcher } from '../engine/api/event-batcher';
import { defaultDataDir } from '../engine/data-dir';
import { createEngine, type Engine } from '../engine/index';
import { createMainWindow } from './main-window';
import { buildMenuTemplate } from './menu-template';
import { installNavigationGuards } from './navigation-guards';
import { appPaths, devOverrides } from './paths';
import { PREFERRED_RECEIVER_PORT, withPortFallback } from './receiver-port';
import { registerIpc } from './register-ipc';
import { createSafeStorageVault } from './safe-storage-vault';

const report = (error: unknown, context: string) => console.error(`[hookscope] ${context}:`, error);

const overrides = devOverrides(app.isPackaged, process.env);
const paths = appPaths(__dirname);
const appUrl = overrides.rendererUrl ?? paths.rendererUrl;
// The database lives in userData, which is the same folder the CLI uses by default.
app.setPath('userData', overrides.dataDir ?? defaultDataDir());

let engine: Engine | null = null;
let batcher: EventBatcher | null = null;
let mainWindow: BrowserWindow | null = null;
let shutDown: Promise<void> | null = null;
let engineClosed = false;

async function openWindow(): Promise<void> {
  mainWindow = await createMainWindow({
    preload: paths.preload,
    stateDir: app.getPath('userData'),
    load: (window) =>
      overrides.rendererUrl
        ? window.loadURL(overrides.rendererUrl)
        : window.loadFile(paths.rendererIndex),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  // The dev server (npm start) needs inline styles/preamble and its hot-reload WebSocket; a built
  // app loads dist/renderer and gets the strict policy.
  const csp = overrides.rendererUrl ? developmentContentSecurityPolicy() : contentSecurityPolicy();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);

  const preferredPort = Number(process.env.HOOKSCOPE_RECEIVER_PORT ?? PREFERRED_RECEIVER_PORT);
  engine = await withPortFallback(
    (receiverPort) =>
      createEngine({
        dataDir: app.getPath('userData'),
        receiverPort,
        // Secrets go through the OS keychain here; headless Hookscope uses a 0600 file instead.
        vault: createSafeStorageVault(
          safeStorage,
          join(app.getPath('userData'), 'secrets.enc.json'),
        ),
      }),
    Number.isInteger(preferredPort) ? preferredPort : PREFERRED_RECEIVER_PORT,
    (error) => report(error, `receiver port ${preferredPort} is taken; using a free port instead`),
  );
  const current = engine;
  registerIpc(ipcMain, {
    handlers: createApiHandlers(current, { shell: 'electron', version: app.getVersion() }),
    appUrl,
    report,
  });
  batcher = createEventBatcher(
    (listener) => current.store.onChange(listener),
    (events) => {
      if (mainWindow && !mainWindow.webContents.isDestroyed()) {
        mainWindow.webContents.send(IPC_EVENTS_CHANNEL, events);
      }
    },
    {
      intervalMs: 50,
      maxItems: 500,
      stats: () => current.store.stats({ indexedOnly: true }), // no sync wait here (issue 14)
      onError: (e) => report(e, 'events'),
      engineEvents: (listener) => current.events.on(listener),
    },
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ platform: process.platform, isDev: !app.isPackaged }),
    ),
  );
  await openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) =>
    installNavigationGuards(contents, {
      appUrl,
      openExternal: (url) => void shell.openExternal(url),
    }),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (engine && BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
  // Quit waits for the engine: queued deliveries are committed and the database closed first.
  app.on('before-quit', (event) => {
    if (engineClosed) return;
    event.preventDefault();
    batcher?.close();
    shutDown ??= (engine?.close() ?? Promise.resolve())
      .catch((error: unknown) => report(error, 'closing the engine'))
      .finally(() => {
        engineClosed = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      report(error, 'starting');
      app.exit(1);
    });
}
