// Hookscope's sends against a receiver that behaves like pyPreservica's WebHookHandler (chunked
// bodies only, latin-1 re-encoding before the HMAC, no answer otherwise): forge (every trigger),
// replay, replay --resign, bulk, a forward rule and a proxy rule must all be accepted by it.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PRESERVICA_TRIGGERS } from '../../../electron/engine/providers/preservica';
import { sendExact } from '../../../electron/engine/sender/send-exact';
import type { OutgoingRequest } from '../../../electron/engine/sender/types';
import {
  startPyPreservicaReceiver,
  type PyPreservicaReceiver,
} from '../../support/pypreservica-receiver';
import {
  capture,
  startSenderEngine,
  waitForAttempts,
  type SenderEngine,
} from '../../support/sender-engine';
import { runCli } from '../cli/cli-process';

// The protocols.md 1.1.5 vector: this secret and body give this signature.
const SECRET = 'my_shared_secret';
const VECTOR_BODY =
  '{"subscriptionId":"4583e1e6d2c72ed96a1151bc7dfd53c2","events":[{"entityType":"IO","entityRef":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}]}';
const VECTOR_SIGNATURE = '24a2c90372a48056ee7a714321dd3ee77a6b6c5885991c9d70f02129720f55f8';
/** A CLI run spawns tsx on a shared machine: a guard against a hang, not a timing assertion. */
const CLI_GUARD_MS = 180_000;

let py: PyPreservicaReceiver;
let app: SenderEngine;

beforeAll(async () => {
  py = await startPyPreservicaReceiver(SECRET);
  app = await startSenderEngine({
    endpoints: [
      { path: '/preservica', provider: 'preservica', secrets: [SECRET] },
      {
        path: '/forward',
        provider: 'preservica',
        secrets: [SECRET],
        forward: [{ url: `${py.url}/forwarded` }],
      },
      {
        path: '/proxy',
        provider: 'preservica',
        secrets: [SECRET],
        forward: [{ url: `${py.url}/proxied`, proxy: true }],
      },
    ],
  });
}, 60_000);
afterAll(async () => {
  await app.close();
  await py.close();
});
beforeEach(() => {
  py.requests.length = 0;
  py.work.length = 0;
});

const bytes = (text: string) => new TextEncoder().encode(text);
/** `preservica-webhook-auth` + these bytes under the shared secret. */
const sign = (signed: Uint8Array | string) =>
  createHmac('sha256', SECRET).update('preservica-webhook-auth').update(signed).digest('hex');

function toPy(request: Omit<OutgoingRequest, 'method' | 'url'>) {
  return sendExact({ method: 'POST', url: `${py.url}/`, ...request }, { timeoutMs: 10_000 });
}

describe('the pyPreservica-like receiver', () => {
  it('verifies the protocols.md vector sent chunked and answers a bare HTTP/1.0 200', async () => {
    const outcome = await toPy({
      rawHeaders: [['Preservica-Signature', VECTOR_SIGNATURE]],
      body: bytes(VECTOR_BODY),
      framing: 'chunked',
    });
    expect(outcome.ok && outcome.answer.status).toBe(200);
    expect(outcome.ok && outcome.answer.body.length).toBe(0);
    expect(py.requests.map((r) => r.outcome)).toEqual(['verified']);
    expect(py.work).toEqual([JSON.parse(VECTOR_BODY)]);
  });

  it('gives a Content-Length body no answer at all, as WebHookHandler does', async () => {
    const outcome = await toPy({
      rawHeaders: [['Preservica-Signature', VECTOR_SIGNATURE]],
      body: bytes(VECTOR_BODY),
      framing: 'length',
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.code).toBe('reset');
    expect(py.requests).toHaveLength(1);
    expect(py.requests[0]!.outcome).toBe('ignored');
    expect(py.requests[0]!.reason).toContain('Transfer-Encoding does not contain "chunked"');
    expect(py.work).toEqual([]);
  });

  it('reads every chunk, and gives a wrong signature no answer', async () => {
    const outcome = await toPy({
      rawHeaders: [['Preservica-Signature', sign('something else')]],
      body: bytes(VECTOR_BODY),
      framing: 'chunked',
      chunkSizes: [10, VECTOR_BODY.length - 10],
    });
    expect(outcome.ok).toBe(false);
    expect(py.requests[0]).toMatchObject({
      outcome: 'signature-mismatch',
      chunkSizes: [10, VECTOR_BODY.length - 10],
      payload: VECTOR_BODY,
    });
  });

  it('decodes each chunk on its own: a character split across chunks gets no answer', async () => {
    const body = bytes('{"events":[{"entityType":"IO","entityRef":"é"}]}');
    const split = body.indexOf(0xc3) + 1;
    const outcome = await toPy({
      rawHeaders: [
        ['Preservica-Signature', sign(Buffer.from(new TextDecoder().decode(body), 'latin1'))],
      ],
      body,
      framing: 'chunked',
      chunkSizes: [split, body.length - split],
    });
    expect(outcome.ok).toBe(false);
    expect(py.requests[0]!.outcome).toBe('error');
    expect(py.requests[0]!.reason).toContain('UnicodeDecodeError');
  });

  it('signs the latin-1 re-encoding: a non-ASCII body signed over its UTF-8 bytes is refused', async () => {
    const body = bytes('{"events":[{"entityType":"IO","entityRef":"café"}]}');
    const latin1 = Buffer.from(new TextDecoder().decode(body), 'latin1');
    const overUtf8 = await toPy({
      rawHeaders: [['Preservica-Signature', sign(body)]],
      body,
      framing: 'chunked',
    });
    const overLatin1 = await toPy({
      rawHeaders: [['Preservica-Signature', sign(latin1)]],
      body,
      framing: 'chunked',
    });
    expect(overUtf8.ok).toBe(false);
    expect(overLatin1.ok && overLatin1.answer.status).toBe(200);
    expect(py.requests.map((r) => r.outcome)).toEqual(['signature-mismatch', 'verified']);
  });

  it('answers a challenge with its loose JSON and the latin-1 HMAC', async () => {
    const outcome = await sendExact({
      method: 'POST',
      url: `${py.url}/?challengeCode=abc123`,
      rawHeaders: [],
      body: new Uint8Array(),
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.answer.status).toBe(200);
    // protocols.md 1.1.4 vector.
    expect(Buffer.from(outcome.answer.body).toString()).toBe(
      '{ "challengeCode": "abc123",     "challengeResponse": "8ecc163a3d4079d2f3eb2c5f36ed1c5c9e855a42477fb81d24fded7cad766946" }',
    );
  });
});

describe('Hookscope sends, as pyPreservica receives', () => {
  it('forge: every Preservica trigger, signed, goes chunked and is verified', async () => {
    for (const trigger of PRESERVICA_TRIGGERS) {
      const attempt = await app.engine.sender.forge({
        provider: 'preservica',
        event: trigger,
        url: `${py.url}/hook`,
        secret: SECRET,
      });
      expect({ trigger, status: attempt.status }).toEqual({ trigger, status: 200 });
      // The attempt records what went on the wire: chunked, no Content-Length.
      const names = attempt.request.rawHeaders.map(([name]) => name.toLowerCase());
      expect(names).toContain('transfer-encoding');
      expect(names).not.toContain('content-length');
    }
    expect(py.requests.map((r) => r.outcome)).toEqual(PRESERVICA_TRIGGERS.map(() => 'verified'));
    expect(py.work.map((doc) => (doc as { trigger: string }).trigger)).toEqual([
      ...PRESERVICA_TRIGGERS,
    ]);
  });

  it('forge with framing length is refused exactly as the real handler refuses it', async () => {
    const attempt = await app.engine.sender.forge({
      provider: 'preservica',
      event: 'MOVED',
      url: `${py.url}/hook`,
      secret: SECRET,
      framing: 'length',
    });
    expect(attempt.status).toBeNull();
    expect(attempt.failureCode).toBe('reset');
    expect(py.requests.map((r) => r.outcome)).toEqual(['ignored']);
  });

  it('forge bodyEncoding: latin-1 is what pyPreservica accepts; Hookscope verify says which matched', async () => {
    const sets = ['/events/0/entityRef="Dossier café"'];
    const latin1 = await app.engine.sender.forge({
      provider: 'preservica',
      event: 'MOVED',
      url: `${py.url}/hook`,
      secret: SECRET,
      sets,
      bodyEncoding: 'latin-1',
    });
    const utf8 = await app.engine.sender.forge({
      provider: 'preservica',
      event: 'MOVED',
      url: `${py.url}/hook`,
      secret: SECRET,
      sets,
      bodyEncoding: 'utf-8',
    });
    expect([latin1.status, utf8.status]).toEqual([200, null]);
    expect(py.requests.map((r) => r.outcome)).toEqual(['verified', 'signature-mismatch']);

    // The same two forged to Hookscope's own receiver: both valid, each naming its encoding.
    for (const [bodyEncoding, reason] of [
      ['latin-1', 'body re-encoded as latin-1'],
      ['utf-8', 'raw UTF-8 body bytes'],
    ] as const) {
      await app.engine.sender.forge({
        provider: 'preservica',
        event: 'MOVED',
        url: `${app.engine.receiver.url}/preservica`,
        secret: SECRET,
        sets,
        bodyEncoding,
        confirmLoop: true,
      });
      const stored = app.engine.store.get(app.engine.store.list({ limit: 1 }).items[0]!.id)!;
      expect(stored.verdict?.signature.status).toBe('valid');
      expect(stored.verdict?.signature.reason).toContain(reason);
      expect(stored.verdict?.signature.details?.['encoding']).toBe(bodyEncoding);
    }
  });

  it('forge refuses to sign as latin-1 a body latin-1 cannot hold, naming the character', async () => {
    await expect(
      app.engine.sender.forge({
        provider: 'preservica',
        event: 'MOVED',
        url: `${py.url}/hook`,
        secret: SECRET,
        sets: ['/events/0/entityRef="5 €"'],
        bodyEncoding: 'latin-1',
      }),
    ).rejects.toThrow('U+20AC');
    expect(py.requests).toEqual([]);
  });

  it('replay keeps the captured chunked framing; --framing length is refused', async () => {
    const { id } = await capture(
      app.engine,
      '/preservica',
      [
        ['Content-Type', 'application/json'],
        ['Preservica-Signature', VECTOR_SIGNATURE],
        ['Transfer-Encoding', 'chunked'],
      ],
      VECTOR_BODY,
    );
    expect(app.engine.store.get(id)!.rawHeaders).toContainEqual(['Transfer-Encoding', 'chunked']);
    const asCaptured = await app.engine.sender.replay({ deliveryId: id, url: `${py.url}/` });
    const asLength = await app.engine.sender.replay({
      deliveryId: id,
      url: `${py.url}/`,
      framing: 'length',
    });
    expect(asCaptured.status).toBe(200);
    expect(asLength.status).toBeNull();
    expect(py.requests.map((r) => r.outcome)).toEqual(['verified', 'ignored']);
  });

  it('a forward rule keeps the chunked framing and is verified', async () => {
    const forwarded = waitForAttempts(app.engine, 1, (a) => a.kind === 'forward');
    await capture(
      app.engine,
      '/forward',
      [
        ['Preservica-Signature', VECTOR_SIGNATURE],
        ['Transfer-Encoding', 'chunked'],
      ],
      VECTOR_BODY,
    );
    const [attempt] = await forwarded;
    expect(attempt!.status).toBe(200);
    expect(py.requests.map((r) => [r.target, r.outcome])).toEqual([['/forwarded', 'verified']]);
  });

  it('a proxy rule answers the sender with the receiver’s 200', async () => {
    const { status } = await capture(
      app.engine,
      '/proxy',
      [
        ['Preservica-Signature', VECTOR_SIGNATURE],
        ['Transfer-Encoding', 'chunked'],
      ],
      VECTOR_BODY,
    );
    expect(status).toBe(200);
    expect(py.requests.map((r) => [r.target, r.outcome])).toEqual([['/proxied', 'verified']]);
  });

  it('bulk forges fresh chunked events, every one verified', async () => {
    const report = await app.engine.sender.bulk({
      runId: 'py-bulk',
      url: `${py.url}/`,
      count: 6,
      concurrency: 3,
      source: { provider: 'preservica', event: 'INGEST_FAILED', secret: SECRET },
    });
    expect(report.statusCounts).toEqual({ '200': 6 });
    expect(py.requests.filter((r) => r.outcome === 'verified')).toHaveLength(6);
  });
});

describe('the CLI against the pyPreservica-like receiver', () => {
  let cliApp: SenderEngine;
  let staleId: string;

  beforeAll(async () => {
    cliApp = await startSenderEngine({
      endpoints: [{ path: '/preservica', provider: 'preservica', secrets: [SECRET] }],
    });
    // Captured chunked, signed under an older secret: a plain replay fails, --resign fixes it.
    staleId = (
      await capture(
        cliApp.engine,
        '/preservica',
        [
          ['Preservica-Signature', sign('an old body')],
          ['Transfer-Encoding', 'chunked'],
        ],
        VECTOR_BODY,
      )
    ).id;
    // The CLI opens the data dir's store itself.
    await cliApp.engine.close();
  }, 60_000);
  afterAll(() => cliApp.close());

  it(
    'send: chunked by default and verified; --header and --body-encoding latin-1 apply',
    async () => {
      const result = await runCli([
        'send',
        '--provider',
        'preservica',
        '--event',
        'CHANGE_ASSET_VISIBILITY',
        '--to',
        `${py.url}/hook`,
        '--secret',
        SECRET,
        '--set',
        '/events/0/entityRef="Entité"',
        '--body-encoding',
        'latin-1',
        '--header',
        'X-Trace: cli-1',
      ]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^HTTP 200 OK/);
      expect(result.code).toBe(0);
      expect(py.requests).toHaveLength(1);
      expect(py.requests[0]!.outcome).toBe('verified');
      expect(py.requests[0]!.rawHeaders).toContainEqual(['X-Trace', 'cli-1']);
      expect((py.work[0] as { events: { entityRef: string }[] }).events[0]!.entityRef).toBe(
        'Entité',
      );
    },
    CLI_GUARD_MS,
  );

  it(
    'send --framing length gets no answer from it (exit 1)',
    async () => {
      const result = await runCli([
        'send',
        '--provider',
        'preservica',
        '--event',
        'MOVED',
        '--to',
        `${py.url}/hook`,
        '--secret',
        SECRET,
        '--framing',
        'length',
      ]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('no answer');
      expect(py.requests.map((r) => r.outcome)).toEqual(['ignored']);
    },
    CLI_GUARD_MS,
  );

  it(
    'replay keeps chunked framing; replay --resign is verified',
    async () => {
      const plain = await runCli([
        'replay',
        staleId,
        '--to',
        `${py.url}/`,
        '--data-dir',
        cliApp.dataDir,
      ]);
      const resigned = await runCli([
        'replay',
        staleId,
        '--to',
        `${py.url}/`,
        '--data-dir',
        cliApp.dataDir,
        '--resign',
        '--secret',
        SECRET,
      ]);
      expect(plain.code).toBe(1);
      expect(resigned.stdout).toMatch(/^HTTP 200 OK/);
      expect(resigned.code).toBe(0);
      // Both went chunked (the handler read the body both times); only the re-signed one matched.
      expect(py.requests.map((r) => r.outcome)).toEqual(['signature-mismatch', 'verified']);
    },
    CLI_GUARD_MS,
  );

  it(
    'bulk --id re-sends the captured chunked delivery, re-signed by --header',
    async () => {
      const result = await runCli([
        'bulk',
        '--to',
        `${py.url}/`,
        '--id',
        staleId,
        '--data-dir',
        cliApp.dataDir,
        '-n',
        '4',
        '-c',
        '2',
        '--header',
        `Preservica-Signature: ${VECTOR_SIGNATURE}`,
      ]);
      expect(result.stdout).toContain('status: 200: 4');
      expect(result.code).toBe(0);
      expect(py.requests.map((r) => r.outcome)).toEqual([
        'verified',
        'verified',
        'verified',
        'verified',
      ]);
    },
    CLI_GUARD_MS,
  );
});
