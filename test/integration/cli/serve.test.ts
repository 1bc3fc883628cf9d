import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './cli-process';
import { answeredId, sendRequest } from './http-request';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hookscope-serve-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('hookscope serve', () => {
  it('prints exactly one ready line, captures a POST byte for byte and exits 0 on SIGTERM', async () => {
    const serve = await startCli(
      ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', '0'],
      'stdout',
    );
    // "ui" is the app's URL when dist/renderer is built, null otherwise (serve-ui.test.ts pins both).
    expect(serve.readyLine).toMatch(
      /^hookscope ready \{"receiver":"http:\/\/127\.0\.0\.1:\d+","ui":(null|"http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}"),"publicUrl":null\}\n$/,
    );
    expect(serve.ready.publicUrl).toBeNull();

    const body = Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x0a, 0x7d, 0xc3, 0x28]);
    const reply = await sendRequest(serve.ready.receiver, {
      target: '/kanboard?token=T%20x&b=2',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Hook': 'One' },
      body,
    });
    expect(reply.status).toBe(200);
    const id = answeredId(reply);

    const done = await serve.stop('SIGTERM');
    expect(done.code).toBe(0);
    // Nothing but the ready line on stdout: logs go to stderr.
    expect(done.stdout).toBe(serve.readyLine);

    const exported = await runCli(['export', '--data-dir', dataDir, '--id', id]);
    expect(exported.code).toBe(0);
    const record = JSON.parse(exported.stdout) as {
      id: string;
      method: string;
      target: string;
      bodyBase64: string;
      rawHeaders: [string, string][];
      response: { status: number };
    };
    expect(record.id).toBe(id);
    expect(record.method).toBe('POST');
    expect(record.target).toBe('/kanboard?token=T%20x&b=2');
    expect(Buffer.from(record.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(record.rawHeaders).toContainEqual(['X-Hook', 'One']);
    expect(record.response.status).toBe(200);
  });

  it('answers endpoints from --config', async () => {
    const config = join(dataDir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        endpoints: [
          { path: '/kanboard', response: { status: 202, headers: {}, body: 'queued', delayMs: 0 } },
        ],
      }),
    );
    const serve = await startCli(
      ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', '0', '--config', config],
      'stdout',
    );
    try {
      const reply = await sendRequest(serve.ready.receiver, {
        target: '/kanboard',
        body: Buffer.from('x'),
      });
      expect(reply.status).toBe(202);
      expect(reply.body.toString()).toBe('queued');
    } finally {
      expect((await serve.stop('SIGINT')).code).toBe(0);
    }
  });
});
