import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import {
  clampWindowState,
  readWindowState,
  writeWindowState,
  type WindowState,
} from './window-state';
import { secureWebPreferences } from './web-preferences';

export interface MainWindowOptions {
  preload: string;
  /** Where window-state.json lives (userData). */
  stateDir: string;
  load: (window: BrowserWindow) => Promise<void>;
}

/** Opens the window where it was last closed (if that screen is still there). */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const stateFile = join(options.stateDir, 'window-state.json');
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = clampWindowState(await readWindowState(stateFile), workAreas);
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Hookscope',
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(options.preload),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    const next: WindowState = { ...bounds, maximized: window.isMaximized() };
    // Best effort: losing the window position is not worth delaying the quit or failing it.
    void writeWindowState(stateFile, next).catch(() => undefined);
  });
  await options.load(window);
  return window;
}
