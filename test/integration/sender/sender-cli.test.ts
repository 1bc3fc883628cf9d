import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine';
import { startEchoServer, type EchoServer } from '../../support/echo-server';
import { capture } from '../../support/sender-engine';
import { runCli } from '../cli/cli-process';

const STRIPE_SECRET = 'whsec_cli_secret';
const PRESERVICA_SECRET = 'preservica-shared';

let dataDir: string;
let storedId: string;
let stripeId: string;
let target: EchoServer;
let downUrl: string;
/** A running Hookscope that answers Preservica challenges: the handshake command's good receiver. */
let receiverEngine: Engine;
let receiverDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hookscope-sender-cli-'));
  const engine = await createEngine({
    dataDir,
    commitWindowMs: 1,
    // No secret here: `replay --resign` must find it in --config (or take --secret).
    endpoints: [{ path: '/stripe', provider: 'stripe' }],
  });
  storedId = (
    await capture(
      engine,
      '/plain',
      [
        ['X-First', '1'],
        ['content-type', 'text/plain'],
      ],
      'stored body\n',
    )
  ).id;
  stripeId = (
    await capture(
      engine,
      '/stripe',
      [
        ['Stripe-Signature', 't=1,v1=00'],
        ['content-type', 'application/json'],
      ],
      '{"id":"evt_1"}',
    )
  ).id;
  await engine.close();

  target = await startEchoServer();
  const down = await startEchoServer();
  downUrl = down.url;
  await down.close();

  receiverDir = await mkdtemp(join(tmpdir(), 'hookscope-sender-cli-rx-'));
  receiverEngine = await createEngine({
    dataDir: receiverDir,
    endpoints: [
      {
        path: '/preservica',
        provider: 'preservica',
        secrets: [PRESERVICA_SECRET],
        handshake: true,
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await receiverEngine.close();
  await target.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(receiverDir, { recursive: true, force: true });
});
afterEach(() => {
  target.received.length = 0;
});

const header = (headers: [string, string][], name: string) =>
  headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

describe('hookscope replay', () => {
  it('replays a stored delivery byte for byte and prints status and timing', async () => {
    const result = await runCli([
      'replay',
      storedId,
      '--to',
      `${target.url}/in`,
      '--data-dir',
      dataDir,
      '-v',
    ]);
    expect(result.stderr).toContain(`replayed ${storedId}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^HTTP 200 OK in \d+\.\d ms \(first byte \d+\.\d ms\)\nok\n$/);
    expect(target.received[0]!.body.toString()).toBe('stored body\n');
    // As captured: the capture helper's Host first, then the headers in the order sent.
    expect(target.received[0]!.rawHeaders.slice(0, 3).map(([name]) => name)).toEqual([
      'host',
      'X-First',
      'content-type',
    ]);
  }, 30_000);

  it('uses the last target when --to is left out', async () => {
    const result = await runCli(['replay', storedId, '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(target.received.map((r) => r.url)).toEqual(['/in']);
  }, 30_000);

  it('re-signs with --resign --secret', async () => {
    const result = await runCli([
      'replay',
      stripeId,
      '--to',
      target.url,
      '--data-dir',
      dataDir,
      '--resign',
      '--secret',
      STRIPE_SECRET,
    ]);
    expect(result.code).toBe(0);
    const got = target.received[0]!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
      header(got.rawHeaders, 'stripe-signature')!,
    )!;
    expect(v1).toBe(
      createHmac('sha256', STRIPE_SECRET).update(`${t}.{"id":"evt_1"}`).digest('hex'),
    );
  }, 30_000);

  it("re-signs with the endpoint's secret from --config", async () => {
    const config = join(dataDir, 'replay-config.json');
    await writeFile(
      config,
      JSON.stringify({
        endpoints: [{ path: '/stripe', provider: 'stripe', secrets: [STRIPE_SECRET] }],
      }),
    );
    const result = await runCli([
      'replay',
      stripeId,
      '--to',
      target.url,
      '--data-dir',
      dataDir,
      '--resign',
      '--config',
      config,
    ]);
    expect(result.code).toBe(0);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
      header(target.received[0]!.rawHeaders, 'stripe-signature')!,
    )!;
    expect(v1).toBe(
      createHmac('sha256', STRIPE_SECRET).update(`${t}.{"id":"evt_1"}`).digest('hex'),
    );
  }, 30_000);

  it('exits 1 with a clear message when the target is down', async () => {
    const result = await runCli(['replay', storedId, '--to', downUrl, '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^no answer: nothing is listening on 127\.0\.0\.1:\d+ \(connection refused\)/,
    );
  }, 30_000);

  it('exits 1 for an unknown delivery and 2 for usage errors', async () => {
    const unknown = await runCli(['replay', 'NOPE', '--to', target.url, '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no delivery with id "NOPE"');
    const missing = await runCli(['replay', '--to', target.url, '--data-dir', dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing the delivery ID');
    const resign = await runCli([
      'replay',
      storedId,
      '--to',
      target.url,
      '--data-dir',
      dataDir,
      '--resign',
    ]);
    expect(resign.code).toBe(1);
    expect(resign.stderr).toContain('cannot re-sign');
    expect(target.received).toHaveLength(0);
  }, 30_000);
});

describe('hookscope send', () => {
  it('forges an event with --set edits and a signature', async () => {
    const result = await runCli([
      'send',
      '--provider',
      'preservica',
      '--event',
      'MOVED',
      '--to',
      target.url,
      '--secret',
      PRESERVICA_SECRET,
      '--set',
      '/subscriptionId=sub-42',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^HTTP 200 OK in /);
    const got = target.received[0]!;
    expect(JSON.parse(got.body.toString())).toMatchObject({ subscriptionId: 'sub-42' });
    const expected = createHmac('sha256', PRESERVICA_SECRET)
      .update(Buffer.concat([Buffer.from('preservica-webhook-auth'), got.body]))
      .digest('hex');
    expect(header(got.rawHeaders, 'preservica-signature')).toBe(expected);
  }, 30_000);

  it('sends a --body file as given', async () => {
    const file = join(dataDir, 'body.json');
    await writeFile(file, '{"event_name":"task.close", "raw":true}');
    const result = await runCli([
      'send',
      '--provider',
      'kanboard',
      '--event',
      'task.close',
      '--to',
      target.url,
      '--body',
      file,
    ]);
    expect(result.code).toBe(0);
    expect(target.received[0]!.body.toString()).toBe('{"event_name":"task.close", "raw":true}');
  }, 30_000);

  it('refuses unknown providers and events with exit 2', async () => {
    const provider = await runCli([
      'send',
      '--provider',
      'nope',
      '--event',
      'x',
      '--to',
      target.url,
    ]);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('unknown provider "nope"');
    const event = await runCli([
      'send',
      '--provider',
      'kanboard',
      '--event',
      'nope',
      '--to',
      target.url,
    ]);
    expect(event.code).toBe(2);
    expect(event.stderr).toContain('has no event "nope"; known: ');
  }, 30_000);
});

describe('hookscope handshake', () => {
  it('passes a receiver that answers the Preservica challenge (exit 0)', async () => {
    const result = await runCli([
      'handshake',
      '--provider',
      'preservica',
      '--to',
      `${receiverEngine.receiver.url}/preservica`,
      '--secret',
      PRESERVICA_SECRET,
    ]);
    expect(result.stdout).toContain('PASS: ');
    expect(result.code).toBe(0);
  }, 30_000);

  it('fails a receiver that does not, with the reason (exit 1)', async () => {
    const result = await runCli([
      'handshake',
      '--provider',
      'preservica',
      '--to',
      target.url,
      '--secret',
      PRESERVICA_SECRET,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL: the answer is not JSON/);
  }, 30_000);
});

describe('hookscope bulk', () => {
  it('sends forged events with progress on stderr and a histogram at the end', async () => {
    const result = await runCli([
      'bulk',
      '--to',
      target.url,
      '--provider',
      'kanboard',
      '--event',
      'task.create',
      '-n',
      '20',
      '-c',
      '4',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('progress: 20/20');
    expect(result.stdout).toContain('status: 200: 20');
    expect(result.stdout).toMatch(/≤ \d+ ms █+ \d+/);
    expect(result.stdout).toContain('slower than the 1000 ms budget: 0');
    expect(target.received).toHaveLength(20);
  }, 30_000);

  it('sends copies of a stored delivery', async () => {
    const result = await runCli([
      'bulk',
      '--to',
      target.url,
      '--id',
      storedId,
      '--data-dir',
      dataDir,
      '-n',
      '5',
      '-c',
      '2',
    ]);
    expect(result.code).toBe(0);
    expect(target.received.map((r) => r.body.toString())).toEqual(Array(5).fill('stored body\n'));
  }, 30_000);

  it('exits 1 when the target is down and 2 without -n', async () => {
    const down = await runCli([
      'bulk',
      '--to',
      downUrl,
      '--provider',
      'kanboard',
      '--event',
      'task.create',
      '-n',
      '3',
    ]);
    expect(down.code).toBe(1);
    expect(down.stdout).toContain('connection-refused: 3');
    const usage = await runCli([
      'bulk',
      '--to',
      target.url,
      '--provider',
      'kanboard',
      '--event',
      'task.create',
    ]);
    expect(usage.code).toBe(2);
  }, 30_000);
});
