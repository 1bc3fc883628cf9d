// `hookscope serve --arm-handshakes MINUTES` (issue 13): the real CLI as a child process. With 0,
// the config file's endpoints start unarmed: Preservica's challenge gets a 403 that says why, while
// Twitter's CRC (re-run hourly by Twitter) is still answered.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playHandshake } from '../../../electron/engine/sender/handshake-player';
import { runCli, startCli } from '../cli/cli-process';

const dir = mkdtempSync(join(tmpdir(), 'hookscope-arm-handshakes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hookscope serve --arm-handshakes', () => {
  it('with 0, answers only the providers that re-validate by themselves, and records why', async () => {
    const config = join(dir, 'hookscope.json');
    writeFileSync(
      config,
      JSON.stringify({
        endpoints: [
          { path: '/preservica', provider: 'preservica', handshake: true, secrets: ['p-secret'] },
          { path: '/twitter', provider: 'twitter', handshake: true, secrets: ['t-secret'] },
        ],
      }),
    );
    const serve = await startCli(
      [
        'serve',
        '--data-dir',
        join(dir, 'data'),
        '--receiver-port',
        '0',
        '--port',
        '0',
        '--config',
        config,
        '--arm-handshakes',
        '0',
      ],
      'stdout',
    );
    try {
      const preservica = await playHandshake(
        'preservica',
        `${serve.ready.receiver}/preservica`,
        'p-secret',
      );
      expect(preservica.pass).toBe(false);
      expect(preservica.answer?.status).toBe(403);
      expect(Buffer.from(preservica.answer?.body ?? []).toString()).toMatch(
        /the endpoint \/preservica is not armed for handshakes/,
      );
      const twitter = await playHandshake('twitter', `${serve.ready.receiver}/twitter`, 't-secret');
      expect(twitter.pass).toBe(true);
    } finally {
      const result = await serve.stop();
      expect(result.stderr).toContain('handshakes not armed');
    }
  });

  it('refuses a value that is not a number of minutes (exit 2)', async () => {
    const result = await runCli([
      'serve',
      '--data-dir',
      join(dir, 'bad'),
      '--arm-handshakes',
      'ten',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--arm-handshakes must be a number of minutes from 0 to 10080');
  });
});
