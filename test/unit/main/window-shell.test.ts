import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu-template';
import { installNavigationGuards } from '../../../electron/main/navigation-guards';
import { appPaths, devOverrides } from '../../../electron/main/paths';
import { secureWebPreferences } from '../../../electron/main/web-preferences';
import {
  clampWindowState,
  DEFAULT_WINDOW_STATE,
  readWindowState,
  writeWindowState,
} from '../../../electron/main/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('reuses a saved position that is still on a screen', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: true };
    expect(clampWindowState(saved, [laptop, external])).toEqual(saved);
  });

  it('centers a window whose monitor was unplugged', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(clampWindowState(saved, [laptop])).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('shrinks a window larger than its screen and pulls it back inside', () => {
    const state = clampWindowState({ x: 1000, y: 500, width: 3000, height: 2000 }, [laptop]);
    expect(state).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: false });
  });

  it('enforces the minimum size and ignores junk', () => {
    expect(clampWindowState({ width: 10, height: 10 }, [laptop])).toMatchObject({
      width: 720,
      height: 480,
    });
    expect(clampWindowState('garbage', [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(clampWindowState({ width: -5, height: 'x' }, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips through a file and reads a corrupt file as nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hookscope-window-'));
    try {
      const file = join(dir, 'window-state.json');
      expect(await readWindowState(file)).toBeNull();
      await writeWindowState(file, { x: 5, y: 6, width: 900, height: 700, maximized: false });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
        x: 5,
        y: 6,
        width: 900,
        height: 700,
        maximized: false,
      });
      expect(await readWindowState(file)).toEqual({
        x: 5,
        y: 6,
        width: 900,
        height: 700,
        maximized: false,
      });
      writeFileSync(file, '{not json');
      expect(await readWindowState(file)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);

describe('application menu', () => {
  it('has edit, zoom and quit everywhere, devtools only in development', () => {
    const release = roles(buildMenuTemplate({ platform: 'linux', isDev: false }));
    expect(release).toEqual(
      expect.arrayContaining(['editMenu', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']),
    );
    expect(release).not.toContain('toggleDevTools');
    expect(release).not.toContain('reload');
    const dev = roles(buildMenuTemplate({ platform: 'linux', isDev: true }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('follows macOS conventions on macOS', () => {
    const mac = roles(buildMenuTemplate({ platform: 'darwin', isDev: false }));
    expect(mac[0]).toBe('appMenu');
    expect(mac).toContain('close');
    expect(mac).not.toContain('quit');
  });
});

describe('window security settings', () => {
  it('spells out isolation, sandbox and no Node', () => {
    const prefs = secureWebPreferences('/app/dist/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
  });

  it('keeps the window on the app and opens only http(s) links outside', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    // Stands in for Electron's WebContents (the Electron binary is not on this machine).
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) =>
        listeners.set(name, listener),
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
    } as unknown as WebContents;
    const opened: string[] = [];
    const appUrl = 'file:///opt/hookscope/dist/renderer/index.html';
    installNavigationGuards(contents, { appUrl, openExternal: (url) => opened.push(url) });

    const navigate = (name: string, url: string) => {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', `${appUrl}#/detail`)).toBe(false);
    expect(navigate('will-attach-webview', 'about:blank')).toBe(true);

    expect(openHandler?.({ url: 'https://docs.example/x' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/x']);
  });
});

describe('paths and development overrides', () => {
  it('finds the bundles next to dist/main', () => {
    const paths = appPaths('/opt/hookscope/dist/main');
    expect(paths.preload).toBe('/opt/hookscope/dist/preload/index.cjs');
    expect(paths.rendererUrl).toBe('file:///opt/hookscope/dist/renderer/index.html');
  });

  it('honours overrides only in an unpackaged build, and only a loopback dev server', () => {
    const env = { HOOKSCOPE_RENDERER_URL: 'http://localhost:5173/', HOOKSCOPE_DATA_DIR: '/tmp/x' };
    expect(devOverrides(true, env)).toEqual({});
    expect(devOverrides(false, env)).toEqual({
      rendererUrl: 'http://localhost:5173/',
      dataDir: '/tmp/x',
    });
    expect(devOverrides(false, { HOOKSCOPE_RENDERER_URL: 'https://evil.example/' })).toEqual({});
  });
});
