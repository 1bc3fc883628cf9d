import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
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

/** Owner only: deliveries hold tokens and signed headers, settings hold endpoints. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder if needed and makes it 0700 whatever the umask (mkdir's mode is masked,
 * chmod is not). An existing folder loses group and other bits too: a 0755 data folder let any
 * local user list and read what was captured. Windows has no such bits (ACLs apply).
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  const stat = statSync(dir);
  // Never a shared folder: a sticky one (/tmp, where a store file may be opened directly) or one
  // that belongs to someone else.
  if ((stat.mode & 0o1000) !== 0 || stat.uid !== process.getuid?.()) return;
  if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates an empty database file 0600 before SQLite opens it (SQLite would create it 0644 minus
 * the umask). SQLite gives -wal and -shm the database file's permissions when it creates them.
 */
export function precreatePrivateFile(file: string): void {
  if (existsSync(file)) return;
  try {
    closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  } catch {
    // Another process created it meanwhile, or the folder is read-only: SQLite will say so.
  }
}

/** chmod 0600 the database and its -wal/-shm when they exist (files made by older versions too). */
export function restrictFileModes(databaseFilePath: string): void {
  if (process.platform === 'win32') return;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      chmodSync(databaseFilePath + suffix, PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
