import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hookscope-errors-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const oneLine = (text: string): void => {
  expect(text.endsWith('\n')).toBe(true);
  expect(text.trimEnd()).not.toContain('\n');
};

describe('hookscope exit codes', () => {
  it('exits 2 with one line on stderr for an unknown flag, command or bad value', async () => {
    const [badFlag, badCommand, badPort] = await Promise.all([
      runCli(['serve', '--no-such-flag']),
      runCli(['frobnicate']),
      runCli(['serve', '--receiver-port', 'eighty']),
    ]);
    expect(badFlag.code).toBe(2);
    oneLine(badFlag.stderr);
    expect(badFlag.stderr).toContain('--no-such-flag');
    expect(badCommand.code).toBe(2);
    oneLine(badCommand.stderr);
    expect(badCommand.stderr).toContain('frobnicate');
    expect(badPort.code).toBe(2);
    oneLine(badPort.stderr);
    expect(badPort.stderr).toContain('--receiver-port');
    for (const result of [badFlag, badCommand, badPort]) expect(result.stdout).toBe('');
  });

  it('exits 1 naming the port when the receiver port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await runCli([
        'serve',
        '--data-dir',
        dataDir,
        '--receiver-port',
        String(port),
      ]);
      expect(result.code).toBe(1);
      oneLine(result.stderr);
      expect(result.stderr).toContain(String(port));
      expect(result.stderr).toMatch(/in use/);
      expect(result.stdout).toBe('');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('exits 1 with the field named for a bad config file', async () => {
    const config = join(dataDir, 'bad-config.json');
    await writeFile(
      config,
      JSON.stringify({ endpoints: [{ path: '/a', response: { status: 42 } }] }),
    );
    const result = await runCli([
      'serve',
      '--data-dir',
      dataDir,
      '--receiver-port',
      '0',
      '--config',
      config,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('endpoints[0].response.status');
  });

  it('prints help with exit 0 for every command', async () => {
    const results = await Promise.all(
      ['serve', 'listen', 'export', 'import'].map((command) => runCli([command, '--help'])),
    );
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: hookscope \w+/);
    }
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('Commands:');
  });
});
