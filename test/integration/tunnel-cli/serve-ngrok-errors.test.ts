// ngrok's failure paths through `hookscope serve`: fast, plain, and the receiver keeps serving.
// No internet here, so only failures can be exercised; they must never echo the token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../cli/cli-process';
import { sendRequest } from '../cli/http-request';

const BOGUS_TOKEN = '2bogusHookscopeCliToken_00000000000000000000000';

/** spawn copies process.env at call time: set the child's NGROK_AUTHTOKEN for one start. */
async function withToken<T>(token: string | null, start: () => Promise<T>): Promise<T> {
  const saved = process.env.NGROK_AUTHTOKEN;
  if (token === null) delete process.env.NGROK_AUTHTOKEN;
  else process.env.NGROK_AUTHTOKEN = token;
  try {
    return await start();
  } finally {
    if (saved === undefined) delete process.env.NGROK_AUTHTOKEN;
    else process.env.NGROK_AUTHTOKEN = saved;
  }
}

describe('serve --tunnel ngrok failure paths', () => {
  let dataDir = '';
  let running: RunningCli | null = null;
  const base = () => ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', '0'];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hookscope-serve-ngrok-'));
  });
  afterEach(async () => {
    await running?.stop('SIGKILL');
    running = null;
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('without an authtoken: says so, publicUrl null, and keeps capturing locally', async () => {
    running = await withToken(null, () => startCli([...base(), '--tunnel', 'ngrok'], 'stdout'));
    expect(running.ready.publicUrl).toBeNull();
    const why = await running.waitForLine((line) => line.includes('is not online'));
    expect(why).toContain(
      'ngrok needs an authtoken: set it in the tunnel settings or in NGROK_AUTHTOKEN',
    );
    expect(why).toContain('(not retrying)');
    const reply = await sendRequest(running.ready.receiver, {
      target: '/x',
      body: Buffer.from('1'),
    });
    expect(reply.status).toBe(200);
  });

  it('a connect that does not finish within --tunnel-timeout is reported as such', async () => {
    running = await withToken(BOGUS_TOKEN, () =>
      startCli([...base(), '--tunnel', 'ngrok', '--tunnel-timeout', '1'], 'stdout'),
    );
    expect(running.ready.publicUrl).toBeNull();
    const why = await running.waitForLine((line) => line.includes('is not online'));
    expect(why).toContain('ngrok did not connect within 0.001 s');
    expect(why).not.toContain(BOGUS_TOKEN);
  });

  it('a bogus token with --tunnel-required: exit 1 with a plain reason that never echoes the token', async () => {
    const result = await withToken(BOGUS_TOKEN, () =>
      runCli([...base(), '--tunnel', 'ngrok', '--tunnel-timeout', '5000', '--tunnel-required']),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /tunnel \(ngrok\) is not online: (cannot reach ngrok|ngrok rejected the authtoken|ngrok did not connect within 5 s)/,
    );
    expect(result.stderr).not.toContain(BOGUS_TOKEN);
  });

  it('refuses tunnel flags that do not fit, before starting anything (exit 2)', async () => {
    const [domainWithoutNgrok, sshWithoutTarget, requiredWithoutTunnel, badUrl] = await Promise.all(
      [
        runCli([...base(), '--ngrok-domain', 'a.ngrok.app']),
        runCli([...base(), '--tunnel', 'ssh', '--ssh-key', '/k']),
        runCli([...base(), '--tunnel-required']),
        runCli([...base(), '--public-url', 'ftp://x']),
      ],
    );
    expect(domainWithoutNgrok.code).toBe(2);
    expect(domainWithoutNgrok.stderr).toContain('--ngrok-domain needs --tunnel ngrok');
    expect(sshWithoutTarget.code).toBe(2);
    expect(sshWithoutTarget.stderr).toContain('--tunnel ssh needs --ssh-target');
    expect(requiredWithoutTunnel.code).toBe(2);
    expect(requiredWithoutTunnel.stderr).toContain('--tunnel-required needs');
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--public-url must be an http(s) URL');
  });

  it('--public-url without a tunnel is shown as the public URL (a reverse proxy in front)', async () => {
    running = await startCli([...base(), '--public-url', 'https://hooks.example.test'], 'stdout');
    expect(running.ready.publicUrl).toBe('https://hooks.example.test');
  });
});
