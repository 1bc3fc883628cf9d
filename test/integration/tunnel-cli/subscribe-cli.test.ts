// hookscope subscribe / subscriptions / unsubscribe against the Preservica stand-in, with Hookscope's
// own engine (or a running `serve`) answering the stand-in's challenge over real loopback HTTP.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKeyclicStandIn } from '../../support/keyclic-standin';
import { startPreservicaStandIn, type PreservicaStandIn } from '../../support/preservica-standin';
import { collect, runCli, spawnCli, startCli } from '../cli/cli-process';
import { sendRequest } from '../cli/http-request';

const USER = { username: 'manager@example.org', password: 'correct horse', tenant: 'ACME' };
const SECRET = 'served-endpoint-secret';

describe('hookscope subscribe, subscriptions, unsubscribe (Preservica stand-in)', () => {
  let preservica: PreservicaStandIn;
  let dataDir = '';
  const credentials = () => [
    '--server',
    preservica.url,
    '--username',
    USER.username,
    '--password',
    USER.password,
  ];

  beforeAll(async () => {
    preservica = await startPreservicaStandIn({ users: [USER] });
  });
  afterAll(() => preservica.close());
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hookscope-subscribe-cli-'));
    preservica.subscriptions.length = 0;
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("subscribes through its own engine (which answers the challenge), lists it as Hookscope's, and unsubscribes", async () => {
    const subscribed = await runCli([
      'subscribe',
      '--provider',
      'preservica',
      '--trigger',
      'MOVED',
      '--endpoint',
      '/preservica',
      '--data-dir',
      dataDir,
      ...credentials(),
    ]);
    expect(subscribed.code, subscribed.stderr).toBe(0);
    const steps = subscribed.stderr
      .split('\n')
      .map((line) => /^hookscope: ([a-z-]+): /.exec(line)?.[1])
      .filter(Boolean);
    expect(steps).toEqual([
      'request-sent',
      'challenge-received',
      'challenge-answered',
      'subscription-created',
    ]);
    const [, remoteId, trigger, url] =
      /^subscribed (\S+) (\S+) (\S+) \(record (\S+)\)\n$/.exec(subscribed.stdout) ?? [];
    expect(trigger).toBe('MOVED');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/preservica$/);
    expect(preservica.subscriptions).toEqual([
      expect.objectContaining({ id: remoteId, url, triggerType: 'MOVED' }),
    ]);
    // The secret Preservica holds is the one recorded for re-subscribing later (kept 0600).
    const vault = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.values(vault)).toContain(preservica.subscriptions[0]?.secret);

    // The account was saved by subscribe: no credentials needed any more.
    const listed = await runCli([
      'subscriptions',
      '--provider',
      'preservica',
      '--data-dir',
      dataDir,
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe(`${remoteId}\tMOVED\t${url}\thookscope\n`);
    const accounts = await runCli(['subscriptions', '--accounts', '--data-dir', dataDir]);
    expect(accounts.stdout).toContain(`preservica\t${preservica.url}\t${USER.username}`);
    expect(accounts.stdout).not.toContain(USER.password);

    const removed = await runCli([
      'unsubscribe',
      '--provider',
      'preservica',
      remoteId ?? '',
      '--data-dir',
      dataDir,
    ]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe(`removed ${remoteId}\n`);
    expect(preservica.subscriptions).toEqual([]);
    const registry = JSON.parse(await readFile(join(dataDir, 'subscriptions.json'), 'utf8')) as {
      subscriptions: unknown[];
    };
    expect(registry.subscriptions).toEqual([]);

    const missing = await runCli([
      'unsubscribe',
      '--provider',
      'preservica',
      remoteId ?? '',
      '--data-dir',
      dataDir,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(remoteId);
  });

  it('against a running serve (--url): the right secret subscribes, a wrong one fails with the reason and exit 1', async () => {
    const config = join(dataDir, 'endpoints.json');
    await writeFile(
      config,
      JSON.stringify({
        endpoints: [
          { path: '/preservica', provider: 'preservica', handshake: true, secrets: [SECRET] },
        ],
      }),
    );
    const serveDir = join(dataDir, 'serve');
    const serve = await startCli(
      ['serve', '--data-dir', serveDir, '--receiver-port', '0', '--port', '0', '--config', config],
      'stdout',
    );
    try {
      const base = [
        'subscribe',
        '--provider',
        'preservica',
        '--trigger',
        'INGEST_FAILED',
        '--endpoint',
        '/preservica',
        '--data-dir',
        dataDir,
        '--url',
        serve.ready.receiver,
        ...credentials(),
      ];
      const wrong = await runCli([...base, '--secret', 'not-the-served-secret']);
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toBe('');
      expect(wrong.stderr).toMatch(/hookscope subscribe: .*(challenge|verification)/i);
      expect(preservica.subscriptions).toEqual([]);

      const right = await runCli([...base, '--config', config]);
      expect(right.code, right.stderr).toBe(0);
      expect(preservica.subscriptions).toEqual([
        expect.objectContaining({ url: `${serve.ready.receiver}/preservica`, secret: SECRET }),
      ]);
    } finally {
      await serve.stop('SIGTERM');
    }
  });

  it('wrong credentials: a clear reason and exit 1, nothing recorded', async () => {
    const result = await runCli([
      'subscribe',
      '--provider',
      'preservica',
      '--trigger',
      'MOVED',
      '--endpoint',
      '/preservica',
      '--data-dir',
      dataDir,
      '--server',
      preservica.url,
      '--username',
      USER.username,
      '--password',
      'wrong',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/hookscope subscribe: .*(password|credentials|log in)/i);
    expect(preservica.subscriptions).toEqual([]);
  });

  it('bad usage exits 2 before calling anyone', async () => {
    const [noTrigger, noProvider, noCredentials] = await Promise.all([
      runCli(['subscribe', '--provider', 'preservica', '--endpoint', '/p', '--data-dir', dataDir]),
      runCli(['subscriptions', '--data-dir', dataDir]),
      runCli(['subscriptions', '--provider', 'preservica', '--data-dir', dataDir]),
    ]);
    expect(noTrigger.code).toBe(2);
    expect(noTrigger.stderr).toContain('--trigger is required');
    expect(noProvider.code).toBe(2);
    expect(noProvider.stderr).toContain('--provider is required');
    expect(noCredentials.code).toBe(2);
    expect(noCredentials.stderr).toContain('preservica needs --server');
  });

  it('kanboard: prints where to paste the URL, then waits for the first delivery', async () => {
    const child = spawnCli([
      'subscribe',
      '--provider',
      'kanboard',
      '--endpoint',
      '/kanboard',
      '--data-dir',
      dataDir,
      '--wait-ms',
      '60000',
    ]);
    const done = collect(child);
    const decoder = new StringDecoder('utf8');
    let text = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        text += decoder.write(chunk);
        const found = /Webhook URL: (\S+)\n/.exec(text)?.[1];
        if (found) resolve(found);
      });
      void done.then((result) => reject(new Error(`exited early: ${result.stderr}`)));
    });
    expect(text).toContain('Settings > Webhooks');
    const reply = await sendRequest(url, {
      target: `${new URL(url).pathname}?token=abc`,
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"event_name":"task.move.column"}'),
    });
    expect(reply.status).toBe(200);
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/first delivery \S+\n$/);
  });

  it("keyclic (--url): the seed's snake_case event is subscribed in the API's camelCase, listed and removed", async () => {
    const organization = '6a1f2b8e-0c3d-4e5f-9a7b-1c2d3e4f5a6b';
    const keyclic = await startKeyclicStandIn({ tokens: { tok: [organization] } });
    try {
      const account = [
        '--provider',
        'keyclic',
        '--server',
        keyclic.url,
        '--token',
        'tok',
        '--organization',
        organization,
        '--data-dir',
        dataDir,
      ];
      const subscribed = await runCli([
        'subscribe',
        ...account,
        '--event',
        'report_created',
        '--endpoint',
        '/keyclic',
        '--url',
        'https://hooks.example',
      ]);
      expect(subscribed.code, subscribed.stderr).toBe(0);
      expect(keyclic.webhooks.map((webhook) => [webhook.event, webhook.payloadUrl])).toEqual([
        ['reportCreated', 'https://hooks.example/keyclic'],
      ]);
      const id = keyclic.webhooks[0]?.id ?? '?';
      expect(subscribed.stdout).toMatch(
        new RegExp(
          `^subscribed ${id} reportCreated https://hooks.example/keyclic \\(record \\S+\\)\n$`,
        ),
      );

      const listed = await runCli(['subscriptions', ...account]);
      expect(listed.stdout).toBe(
        `${id}\treportCreated\thttps://hooks.example/keyclic\thookscope\n`,
      );
      const removed = await runCli(['unsubscribe', ...account, id]);
      expect(removed.stdout).toBe(`removed ${id}\n`);
      expect(keyclic.webhooks).toEqual([]);
    } finally {
      await keyclic.close();
    }
  });
});
