import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

/**
 * Where Hookscope keeps its database when no --data-dir is given. The Electron shell must use the
 * same folder as `userData` (`app.setPath('userData', defaultDataDir())`): Electron's own default on
 * Linux is ~/.config/<name>, but deliveries are data, not configuration, so they follow XDG_DATA_HOME.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, 'Hookscope');
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Hookscope');
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  const dataHome = xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share');
  return join(dataHome, 'hookscope');
}

/** The SQLite file inside a data folder. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'hookscope.db');
}
