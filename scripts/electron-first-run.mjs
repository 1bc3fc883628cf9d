// `npm start` on a fresh machine: Electron 45 no longer downloads its binary at `npm install`, so
// scripts/dev.mjs asks this module for it. When it is missing we run Electron's own installer
// (node_modules/electron/install.js, the `install-electron` bin, which fetches the build pinned by
// the package's checksums.json through @electron/get) as a child process: its output is passed
// through as progress, it is stopped after a timeout, and when it cannot fetch the binary the user
// is told exactly what to run instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

/** Five minutes: the download is about 100 MB; a slow line finishes, a dead one does not hang forever. */
export const INSTALL_TIMEOUT_MS = 5 * 60_000;

/** The browser build needs no Electron binary at all. */
export const BROWSER_ALTERNATIVE = 'npm run build && npm run -s hookscope -- serve --open';

/** Electron's installer script, or null when the electron package itself is not installed. */
export function electronInstallerPath() {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
}

/** How often a line says the download is still running (@electron/get's own bar waits 30 s). */
const HEARTBEAT_MS = 10_000;

/**
 * Runs `node <installer>` and resolves with null when it exits 0, or with one sentence saying why
 * it failed (exit code, signal, or the timeout). Never rejects. With `out` unset the installer
 * shares this terminal, so @electron/get draws its progress bar (it draws only on a TTY); with
 * `out` set (tests) its output is copied there.
 */
function runInstaller(installer, timeoutMs, out, heartbeatMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      stdio: out ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      env: process.env,
    });
    const log = out ?? process.stderr;
    child.stdout?.on('data', (chunk) => log.write(chunk));
    child.stderr?.on('data', (chunk) => log.write(chunk));
    const started = Date.now();
    const heartbeat = setInterval(
      () => log.write(`  still downloading (${Math.round((Date.now() - started) / 1000)} s)\n`),
      heartbeatMs,
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    const done = (reason) => {
      clearTimeout(timer);
      clearInterval(heartbeat);
      resolve(reason);
    };
    child.on('error', (error) => done(`the installer could not start (${error.message})`));
    child.on('exit', (code, signal) => {
      if (timedOut) done(`the download did not finish within ${timeoutMs / 1000} s`);
      else if (code === 0) done(null);
      else
        done(`the installer failed (${code === null ? `signal ${signal}` : `exit code ${code}`})`);
    });
  });
}

/** What to do when the binary could not be fetched: the two commands, word for word. */
export function whatToDo(reason) {
  return (
    `Electron binary not available: ${reason}.\n` +
    'Fetch it where the network allows, then run `npm start` again:\n' +
    '  npx install-electron\n' +
    'or run the app in your browser instead (no Electron needed):\n' +
    `  ${BROWSER_ALTERNATIVE}\n`
  );
}

/**
 * The Electron executable to start, fetching it first when it is missing.
 *
 * @param {object} [options] injectable for tests
 * @param {() => ({ path: string } | { missing: string })} [options.find] where the binary is
 * @param {string | null} [options.installer] the installer script run with node
 * @param {number} [options.timeoutMs]
 * @param {number} [options.heartbeatMs]
 * @param {{ write(chunk: string | Uint8Array): unknown }} [options.out] progress and messages
 *   (default: this process's stderr, with the installer sharing the terminal)
 * @returns {Promise<{ path: string } | { error: string, exitCode: number }>}
 */
export async function ensureElectronBinary(options = {}) {
  const find = options.find ?? findElectronBinary;
  const installer = options.installer === undefined ? electronInstallerPath() : options.installer;
  const timeoutMs = options.timeoutMs ?? INSTALL_TIMEOUT_MS;
  const log = options.out ?? process.stderr;

  const first = find();
  if ('path' in first) return first;
  if (!installer) return { error: whatToDo(first.missing), exitCode: 1 };

  log.write(
    `Electron binary missing (${first.missing}).\n` +
      `Downloading it with Electron's installer (${installer}); this stops after ` +
      `${Math.round(timeoutMs / 1000)} s...\n`,
  );
  const failure = await runInstaller(
    installer,
    timeoutMs,
    options.out,
    options.heartbeatMs ?? HEARTBEAT_MS,
  );
  if (failure) return { error: whatToDo(failure), exitCode: 1 };
  // The installer said it succeeded: trust only what is on disk.
  const second = find();
  if ('path' in second) {
    log.write(`Electron binary installed: ${second.path}\n`);
    return second;
  }
  return { error: whatToDo(`the installer finished but ${second.missing}`), exitCode: 1 };
}
