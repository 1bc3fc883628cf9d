// `npm start`'s first-run decision (scripts/electron-first-run.mjs) with real child processes: the
// installer is a small node script in a temp dir standing in for node_modules/electron/install.js.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROWSER_ALTERNATIVE, ensureElectronBinary } from '../../scripts/electron-first-run.mjs';

let dir: string;
let binary: string;
let output: string;
const out = { write: (chunk: string | Uint8Array) => (output += chunk.toString()) };
/** Like findElectronBinary, over the temp dir: present once the (fake) installer wrote it. */
const find = () =>
  existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };

function installer(source: string): string {
  const file = join(dir, 'install.js');
  writeFileSync(file, source);
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-dev-start-'));
  binary = join(dir, 'electron');
  output = '';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start: the Electron binary', () => {
  it('starts the binary that is there, without running the installer', async () => {
    writeFileSync(binary, '');
    chmodSync(binary, 0o755);
    const marker = join(dir, 'installer-ran');
    const result = await ensureElectronBinary({
      find,
      installer: installer(`require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`),
      out,
    });
    expect(result).toEqual({ path: binary });
    expect(existsSync(marker)).toBe(false);
    expect(output).toBe('');
  });

  it('runs the installer when the binary is missing, shows its progress, then starts it', async () => {
    const script = installer(
      `console.log('fake download 50%');\n` +
        `require('node:fs').writeFileSync(${JSON.stringify(binary)}, '');\n` +
        `console.error('fake download 100%');\n`,
    );
    const result = await ensureElectronBinary({ find, installer: script, out });
    expect(result).toEqual({ path: binary });
    expect(output).toContain('Electron binary missing');
    expect(output).toContain('fake download 50%');
    expect(output).toContain('fake download 100%');
    expect(output).toContain(`Electron binary installed: ${binary}`);
  });

  it('says what to run, with a non-zero exit code, when the installer fails', async () => {
    const script = installer(`console.error('TypeError: fetch failed');\nprocess.exit(3);\n`);
    const result = await ensureElectronBinary({ find, installer: script, out });
    expect(result).toMatchObject({ exitCode: 1 });
    if (!('error' in result)) throw new Error('expected a failure');
    expect(result.error).toContain('the installer failed (exit code 3)');
    expect(result.error).toContain('npx install-electron');
    expect(result.error).toContain(BROWSER_ALTERNATIVE);
    expect(BROWSER_ALTERNATIVE).toBe('npm run build && npm run -s hookscope -- serve --open');
    expect(output).toContain('TypeError: fetch failed');
  });

  it('stops an installer that hangs at the timeout and says what to run', async () => {
    const script = installer(`setInterval(() => {}, 1000);\n`);
    const result = await ensureElectronBinary({ find, installer: script, out, timeoutMs: 300 });
    if (!('error' in result)) throw new Error('expected a failure');
    expect(result.exitCode).toBe(1);
    expect(result.error).toContain('the download did not finish within 0.3 s');
    expect(result.error).toContain('npx install-electron');
    expect(result.error).toContain(BROWSER_ALTERNATIVE);
  });

  it('fails when the installer exits 0 but left no binary', async () => {
    const result = await ensureElectronBinary({ find, installer: installer(''), out });
    if (!('error' in result)) throw new Error('expected a failure');
    expect(result.error).toContain('the installer finished but');
    expect(result.error).toContain(`${binary} does not exist`);
  });

  it('says what to run when the electron package is not installed at all', async () => {
    const result = await ensureElectronBinary({ find, installer: null, out });
    if (!('error' in result)) throw new Error('expected a failure');
    expect(result.error).toContain('npx install-electron');
    expect(result.error).toContain(BROWSER_ALTERNATIVE);
  });
});
