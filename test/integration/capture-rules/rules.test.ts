import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { exportChunks, importFile } from '../../../electron/engine/export';
import { loadConfigFile } from '../../../electron/engine/index';
import { preservica } from '../../../electron/engine/providers/preservica';
import type { OutgoingRequest } from '../../../electron/engine/providers/types';
import { bytes, startEngineFixture, text, type EngineFixture } from './engine-fixture';

const MOVED = JSON.stringify(preservica.events.find((e) => e.name === 'MOVED')?.template);

let fx: EngineFixture;
let handlers: Handlers;
const call = async (name: string, input?: unknown) => {
  const result = await dispatchCall(handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
const callError = async (name: string, input?: unknown) => {
  const result = await dispatchCall(handlers, name, input);
  if (result.ok) throw new Error(`${name} should have failed`);
  return result.error;
};

async function postPreservica(path: string, secret: string, body = MOVED) {
  const request: OutgoingRequest = {
    method: 'POST',
    url: fx.url(path),
    rawHeaders: [['Content-Type', 'application/json']],
    body: bytes(body),
  };
  const signed = preservica.sign?.(request, secret) as OutgoingRequest;
  const answer = await fx.send({ ...signed, path });
  expect(answer.status).toBe(200);
  return fx.newest();
}

beforeAll(async () => {
  fx = await startEngineFixture({
    endpoints: [
      { path: '/rotate', provider: 'preservica', secrets: ['old-secret', 'new-secret'] },
      { path: '/pres', provider: 'preservica', secrets: ['first-secret'], handshake: true },
    ],
  });
  handlers = createApiHandlers(fx.engine, { shell: 'browser' });
});
afterAll(() => fx.close());

describe('secrets: rotation, re-verification, storage', () => {
  it('accepts a delivery signed with the second secret during a rotation', async () => {
    const stored = await postPreservica('/rotate', 'new-secret');
    expect(stored.verdict?.signature.status).toBe('valid');
    expect(stored.verdict?.signature.reason).toMatch(/secret #2/);
  });

  it('re-verifies an endpoint’s deliveries when its secret changes (endpoints:set)', async () => {
    const delivery = await postPreservica('/pres', 'second-secret');
    expect(delivery.verdict?.signature.status).toBe('invalid');
    await call('endpoints:set', {
      endpoints: [
        { path: '/rotate', provider: 'preservica' },
        { path: '/pres', provider: 'preservica', handshake: true, secrets: ['second-secret'] },
      ],
    });
    await fx.engine.captureRules.idle();
    expect(fx.engine.store.get(delivery.id)?.verdict?.signature.status).toBe('valid');
    // The rotation endpoint kept its secrets: omitted means unchanged.
    expect(await call('endpoints:list')).toEqual([
      { path: '/rotate', provider: 'preservica', secretCount: 2 },
      { path: '/pres', provider: 'preservica', handshake: true, secretCount: 1 },
    ]);
  });

  it('recomputes on request with deliveries:reverify (ids, endpoint, all)', async () => {
    const { id } = await postPreservica('/pres', 'second-secret');
    expect(await call('deliveries:reverify', { ids: [id] })).toEqual({ count: 1 });
    const perEndpoint = (await call('deliveries:reverify', { endpoint: '/pres' })) as {
      count: number;
    };
    expect(perEndpoint.count).toBe(fx.engine.store.count({ endpoint: '/pres' }));
    const all = (await call('deliveries:reverify')) as { count: number };
    expect(all.count).toBe(fx.engine.store.stats().count);
    expect((await callError('deliveries:reverify', { ids: [id], endpoint: '/pres' })).code).toBe(
      'invalid-input',
    );
  });

  it('keeps secrets in a 0600 file, never in endpoints.json, endpoints:list or exports', async () => {
    const vaultFile = join(fx.dataDir, 'secrets.json');
    expect(statSync(vaultFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(vaultFile, 'utf8')).toContain('second-secret');
    expect(readFileSync(join(fx.dataDir, 'endpoints.json'), 'utf8')).not.toContain('secret"');
    const shown = JSON.stringify(await call('endpoints:list'));
    const exported = [...exportChunks(fx.engine.store, { format: 'jsonl' })].join('');
    const har = [...exportChunks(fx.engine.store, { format: 'har' })].join('');
    for (const secret of ['old-secret', 'new-secret', 'second-secret', 'first-secret']) {
      expect(shown).not.toContain(secret);
      expect(exported).not.toContain(secret);
      expect(har).not.toContain(secret);
    }
  });

  it('restores endpoints set through the UI, secrets included, after a restart', async () => {
    const again = await startEngineFixture({ dataDir: fx.dataDir });
    try {
      const pres = again.engine.endpoints().find((endpoint) => endpoint.path === '/pres');
      expect(pres).toEqual({
        path: '/pres',
        provider: 'preservica',
        handshake: true,
        secrets: ['second-secret'],
      });
    } finally {
      await again.close();
    }
  });
});

describe('jsonl export with verdicts', () => {
  it('round-trips byte-identically through import', async () => {
    const file = join(fx.dataDir, 'export.jsonl');
    const first = [...exportChunks(fx.engine.store, { format: 'jsonl' })].join('');
    writeFileSync(file, first);
    const copy = await startEngineFixture();
    try {
      await importFile(copy.engine.store, file, 'jsonl');
      const second = [...exportChunks(copy.engine.store, { format: 'jsonl' })].join('');
      expect(second).toBe(first);
      const record = JSON.parse(first.split('\n')[0] as string) as Record<string, unknown>;
      expect(record).toMatchObject({ provider: 'preservica', event: 'MOVED', handshake: false });
      expect(record['verdict']).toMatchObject({ signature: { status: 'valid' } });
    } finally {
      await copy.close();
    }
  });
});

describe('bad input: a clear error or verdict, and the receiver keeps answering', () => {
  it('refuses an unknown provider in endpoints:set, listing the known ones', async () => {
    const error = await callError('endpoints:set', {
      endpoints: [{ path: '/x', provider: 'githbu' }],
    });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/endpoints\[0\]\.provider: unknown provider "githbu"/);
    expect(error.message).toMatch(/known providers: preservica, kanboard/);
    expect(error.message).toMatch(/sns/);
  });

  it('refuses an unknown provider in a config file, naming the file and field', async () => {
    const file = join(fx.dataDir, 'bad-config.json');
    writeFileSync(file, JSON.stringify({ endpoints: [{ path: '/a', provider: 'nope' }] }));
    await expect(loadConfigFile(file)).rejects.toThrow(
      new RegExp(`${file}: endpoints\\[0\\]\\.provider: unknown provider "nope"`),
    );
    writeFileSync(file, JSON.stringify({ endpoints: [{ path: '/a', provider: 'twitch' }] }));
    await expect(loadConfigFile(file)).resolves.toBeTruthy();
  });

  it('explains a malformed signature header', async () => {
    const answer = await fx.send({
      path: '/pres',
      method: 'POST',
      rawHeaders: [
        ['Content-Type', 'application/json'],
        ['Preservica-Signature', 'not-hex!'],
      ],
      body: bytes(MOVED),
    });
    expect(answer.status).toBe(200);
    const verdict = fx.newest().verdict;
    expect(verdict?.signature.status).toBe('invalid');
    expect(verdict?.signature.reason).toMatch(/64 hex characters/);
  });

  it('reports a non-UTF-8 body in the health findings', async () => {
    const answer = await fx.send({
      path: '/pres',
      method: 'POST',
      rawHeaders: [['Content-Type', 'application/json; charset=utf-8']],
      body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect(answer.status).toBe(200);
    const health = fx.newest().verdict?.health ?? [];
    expect(health.length).toBeGreaterThan(0);
    expect(health.map((finding) => finding.message).join(' ')).toMatch(/UTF-8/i);
  });

  it('refuses an invalid imported document saying which part is wrong; capture goes on', async () => {
    const notJson = await callError('schemas:import', {
      endpoint: '/pres',
      format: 'json-schema',
      document: '{"type": "object",',
    });
    expect(notJson.message).toMatch(/not valid JSON/);
    const badSchema = await callError('schemas:import', {
      endpoint: '/pres',
      format: 'json-schema',
      document: '{"type": "objekt"}',
    });
    expect(badSchema.message).toMatch(/schema itself is invalid/);
    const openapi30 = await callError('schemas:import', {
      endpoint: '/pres',
      format: 'openapi',
      document: JSON.stringify({ openapi: '3.0.3', paths: {} }),
    });
    expect(openapi30.message).toMatch(/"openapi" is "3\.0\.3"; webhooks need OpenAPI 3\.1/);
    const noBody = await callError('schemas:import', {
      endpoint: '/pres',
      format: 'openapi',
      document: JSON.stringify({ openapi: '3.1.0', webhooks: { ping: { post: {} } } }),
    });
    expect(noBody.message).toMatch(/webhooks\.ping\.post\.requestBody is missing/);
    expect(
      (await fx.send({ path: '/pres', method: 'GET', rawHeaders: [], body: new Uint8Array() }))
        .status,
    ).toBe(200);
  });
});

describe('the user’s own schemas', () => {
  it('validates with an imported JSON Schema before the provider’s, and stops when removed', async () => {
    const [added] = (await call('schemas:import', {
      endpoint: '/pres',
      event: 'MOVED',
      format: 'json-schema',
      name: 'moved.schema.json',
      document: JSON.stringify({
        type: 'object',
        required: ['ticket'],
        properties: { ticket: { type: 'string' } },
      }),
    })) as { id: string }[];
    const delivery = await postPreservica('/pres', 'second-secret');
    expect(delivery.verdict?.schema).toEqual({
      status: 'invalid',
      errors: [{ pointer: '/ticket', message: 'required property "ticket" is missing' }],
    });
    expect(await call('schemas:remove', { ids: [added?.id] })).toEqual({ removed: 1 });
    expect(fx.engine.store.get(delivery.id)?.verdict?.schema.status).toBe('valid');
  });

  it('imports the webhooks of an OpenAPI 3.1 document: schemas validate, examples are templates', async () => {
    // The user's own description of Kanboard's task.create, with a field their app requires.
    const document = {
      openapi: '3.1.0',
      info: { title: 'Our Kanboard hooks', version: '1' },
      webhooks: {
        'task.create': {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/TaskCreate' },
                  examples: { first: { value: { event_name: 'task.create', project: 'ops' } } },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          TaskCreate: {
            type: 'object',
            required: ['event_name', 'project'],
            properties: { event_name: { const: 'task.create' }, project: { type: 'string' } },
          },
        },
      },
    };
    const added = (await call('schemas:import', {
      endpoint: '/kanboard',
      format: 'openapi',
      name: 'hooks.json',
      document: JSON.stringify(document),
    })) as { event: string; name: string; template: unknown }[];
    expect(added).toMatchObject([
      {
        event: 'task.create',
        name: 'hooks.json webhooks.task.create',
        template: { event_name: 'task.create', project: 'ops' },
      },
    ]);
    expect(await call('schemas:list', { endpoint: '/kanboard' })).toHaveLength(1);

    const current = (await call('endpoints:list')) as { secretCount?: number; path: string }[];
    await call('endpoints:set', {
      endpoints: [
        ...current.map(({ secretCount: _count, ...rest }) => rest),
        { path: '/kanboard', provider: 'kanboard', secrets: ['kb-token'] },
      ],
    });
    const { kanboard } = await import('../../../electron/engine/providers/kanboard');
    const template = kanboard.events.find((e) => e.name === 'task.create')?.template;
    await fx.send({
      path: '/kanboard?token=kb-token',
      method: 'POST',
      rawHeaders: [['Content-Type', 'application/json']],
      body: bytes(JSON.stringify(template)),
    });
    const stored = fx.newest();
    expect(stored).toMatchObject({ provider: 'kanboard', event: 'task.create' });
    expect(stored.verdict?.signature.status).toBe('valid');
    expect(stored.verdict?.schema).toEqual({
      status: 'invalid',
      errors: [{ pointer: '/project', message: 'required property "project" is missing' }],
    });
  });
});

describe('SNS subscription confirmation', () => {
  const confirmation = (subscribeUrl: string) =>
    JSON.stringify({
      Type: 'SubscriptionConfirmation',
      MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
      Token: '2336412f37f',
      TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
      Message: 'You have chosen to subscribe to the topic.',
      SubscribeURL: subscribeUrl,
      Timestamp: '2024-05-02T10:14:22.853Z',
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-x.pem',
    });

  it('stores a SubscriptionConfirmation without visiting it, and refuses a non-AWS URL', async () => {
    const hits: string[] = [];
    const { createServer } = await import('node:http');
    const trap = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('confirmed');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const address = trap.address() as { port: number };
    try {
      const answer = await fx.send({
        path: '/sns',
        method: 'POST',
        rawHeaders: [
          ['Content-Type', 'text/plain; charset=UTF-8'],
          ['x-amz-sns-message-type', 'SubscriptionConfirmation'],
        ],
        body: bytes(confirmation(`http://127.0.0.1:${address.port}/?Action=ConfirmSubscription`)),
      });
      expect(answer.status).toBe(200);
      const stored = fx.newest();
      expect(stored).toMatchObject({ provider: 'sns', event: 'SubscriptionConfirmation' });
      const refused = await callError('sns:confirm', { id: stored.id });
      expect(refused.code).toBe('invalid-input');
      expect(refused.message).toMatch(
        /https sns\.<region>\.amazonaws\.com URL; nothing was visited/,
      );
      expect(hits).toEqual([]);
      expect((await callError('sns:confirm', { id: 'nope' })).code).toBe('not-found');
    } finally {
      trap.close();
    }
  });

  it('visits a genuine SubscribeURL only when asked, and returns what AWS answered', async () => {
    const { confirmSnsSubscription } =
      await import('../../../electron/engine/capture-rules/sns-confirm');
    const url = 'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=2336412f37f';
    await fx.send({
      path: '/sns',
      method: 'POST',
      rawHeaders: [['x-amz-sns-message-type', 'SubscriptionConfirmation']],
      body: bytes(confirmation(url)),
    });
    const visited: string[] = [];
    const result = await confirmSnsSubscription(fx.newest(), async (target: string) => {
      visited.push(target);
      return { status: 200, body: '<ConfirmSubscriptionResponse/>' };
    });
    expect(visited).toEqual([url]);
    expect(result).toEqual({ url, status: 200, body: '<ConfirmSubscriptionResponse/>' });
    expect(text(fx.newest().body)).toContain('SubscriptionConfirmation');
  });
});

describe('providers:list', () => {
  it('lists every provider with its events and abilities, handshake-only ones included', async () => {
    const list = (await call('providers:list')) as {
      id: string;
      events: string[];
      canSign: boolean;
      hasHandshake: boolean;
    }[];
    const ids = list.map((p) => p.id);
    for (const id of [
      'preservica',
      'kanboard',
      'phraseanet',
      'keyclic',
      'github',
      'hmac',
      'sns',
      'okta',
    ]) {
      expect(ids).toContain(id);
    }
    expect(list.find((p) => p.id === 'kanboard')?.events).toContain('task.create');
    expect(list.find((p) => p.id === 'preservica')).toMatchObject({
      canSign: true,
      hasHandshake: true,
    });
  });
});
