// `hookscope serve` and the browser UI: the ready line's "ui", --port, --open, and a missing build.
import { createServer } from 'node:http';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from './cli-process';

let root = '';
let rendererDir = '';
const INDEX_HTML = '<!doctype html><title>stand-in renderer</title>\n';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hookscope-serve-ui-'));
  rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function withServe(
  args: readonly string[],
  env: Record<string, string | undefined>,
  use: (serve: RunningCli) => Promise<void>,
): Promise<RunningCli> {
  const dataDir = await mkdtemp(join(root, 'data-'));
  const serve = await startCli(
    ['serve', '--data-dir', dataDir, '--receiver-port', '0', ...args],
    'stdout',
    env,
  );
  try {
    await use(serve);
  } finally {
    expect((await serve.stop('SIGTERM')).code).toBe(0);
  }
  return serve;
}

describe('hookscope serve: the browser UI', () => {
  it('announces the UI on a port of its own, with a token in the fragment, and serves the build', async () => {
    await withServe(['--port', '0'], { HOOKSCOPE_RENDERER_DIR: rendererDir }, async (serve) => {
      expect(serve.readyLine).toMatch(
        /^hookscope ready \{"receiver":"http:\/\/127\.0\.0\.1:\d+","ui":"http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}","publicUrl":null\}\n$/,
      );
      const ui = new URL(serve.ready.ui ?? '');
      expect(ui.port).not.toBe(new URL(serve.ready.receiver).port);
      const page = await fetch(new URL('/', ui));
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(INDEX_HTML);
      expect(page.headers.get('content-security-policy')).toContain(`ws://127.0.0.1:${ui.port}`);
    });
  });

  it('gives each run a different token', async () => {
    const tokens: string[] = [];
    for (let run = 0; run < 2; run++) {
      await withServe(['--port', '0'], { HOOKSCOPE_RENDERER_DIR: rendererDir }, async (serve) => {
        tokens.push(new URL(serve.ready.ui ?? '').hash);
      });
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('still captures with "ui":null and says how to build when the renderer is missing', async () => {
    const missing = join(root, 'not-built');
    const serve = await withServe(
      ['--port', '0'],
      { HOOKSCOPE_RENDERER_DIR: missing },
      async (running) => {
        expect(running.ready.ui).toBeNull();
        const reply = await fetch(new URL('/hook', running.ready.receiver), {
          method: 'POST',
          body: 'x',
        });
        expect(reply.status).toBe(200);
      },
    );
    const done = await serve.result;
    expect(done.stderr).toContain(missing);
    expect(done.stderr).toContain('npm run build');
  });

  it('--open hands the UI URL to the platform opener', async () => {
    // A stand-in xdg-open first on PATH records what it was asked to open.
    const bin = await mkdtemp(join(root, 'bin-'));
    const opened = join(bin, 'opened.txt');
    const opener = join(bin, 'xdg-open');
    await writeFile(opener, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    await chmod(opener, 0o755);
    const env = { HOOKSCOPE_RENDERER_DIR: rendererDir, PATH: `${bin}:${process.env.PATH ?? ''}` };
    let ui = '';
    await withServe(['--port', '0', '--open'], env, async (serve) => {
      ui = serve.ready.ui ?? '';
      await serve.waitForLine((line) => line.includes('the app is at'));
      // The opener runs after the ready line: wait for the file it writes (bounded by the test timeout).
      for (;;) {
        const text = await readFile(opened, 'utf8').catch(() => '');
        if (text !== '') break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    expect(ui).not.toBe('');
    expect(await readFile(opened, 'utf8')).toBe(ui);
  });

  it('--open without an opener warns and keeps serving', async () => {
    const emptyBin = await mkdtemp(join(root, 'empty-bin-'));
    const env = { HOOKSCOPE_RENDERER_DIR: rendererDir, PATH: emptyBin };
    await withServe(['--port', '0', '--open'], env, async (serve) => {
      const warning = await serve.waitForLine((line) => line.includes('could not open a browser'));
      expect(warning).toContain('xdg-open is not installed');
      expect(warning).toContain(serve.ready.ui ?? 'no ui');
      const reply = await fetch(new URL('/hook', serve.ready.receiver), {
        method: 'POST',
        body: 'x',
      });
      expect(reply.status).toBe(200);
    });
  });

  it('refuses the same port for the UI and the receiver (usage error, exit 2)', async () => {
    const result = await runCli(['serve', '--port', '9123', '--receiver-port', '9123']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port and --receiver-port are both 9123');
    expect(result.stdout).toBe('');
  });

  it('exits 1 naming --port when the UI port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const dataDir = await mkdtemp(join(root, 'data-'));
      const result = await runCli(
        ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', String(port)],
        { HOOKSCOPE_RENDERER_DIR: rendererDir },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`UI port ${port} is in use`);
      expect(result.stdout).toBe('');
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
