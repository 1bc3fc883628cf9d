// The package's `hookscope` bin runs the esbuild bundle (dist/cli.js) in plain Node ESM, where
// extensionless deep imports of dependencies fail even though tsx and vitest accept them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HOOKSCOPE_VERSION } from '../../../electron/engine';

const run = promisify(execFile);

describe('the built hookscope bin', () => {
  it('loads every module of the bundle and runs a command', async () => {
    if (!existsSync('dist/cli.js'))
      throw new Error('dist/cli.js is missing: run `npm run build` first');
    const version = await run('node', ['bin/hookscope.mjs', '--version']);
    expect(version.stdout.trim()).toBe(HOOKSCOPE_VERSION);
    const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bin-'));
    try {
      const exported = await run('node', ['bin/hookscope.mjs', 'export', '--data-dir', dataDir]);
      expect(exported.stdout).toBe('');
    } catch (error) {
      // An empty data dir has no store: the command must say so clearly (exit 1), not crash.
      expect((error as { stderr: string }).stderr).toMatch(/hookscope export: /);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
