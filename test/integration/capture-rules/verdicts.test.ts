import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointConfig } from '../../../electron/engine/index';
import { exportChunks } from '../../../electron/engine/export';
import { allProviders } from '../../../electron/engine/providers/registry';
import type { OutgoingRequest, Provider } from '../../../electron/engine/providers/types';
import { bytes, startEngineFixture, type EngineFixture } from './engine-fixture';

/** Providers whose sign() takes the same shared secret verify() checks (Discord signs with a key pair). */
const SHARED_SECRET_SIGNERS = allProviders.filter((p) => p.sign && p.id !== 'discord');
const HMAC_OPTIONS = { header: 'X-Body-Signature', algorithm: 'sha256', encoding: 'hex' };

function secretFor(provider: Provider, variant: 'right' | 'wrong'): string {
  const raw = `${variant}-secret-for-${provider.id}`;
  // Standard Webhooks keys are `whsec_` + base64 of the key bytes.
  return provider.id === 'standard-webhooks' ? `whsec_${Buffer.from(raw).toString('base64')}` : raw;
}

function bodyFor(provider: Provider): Uint8Array {
  const template = provider.events.find((event) => event.template !== undefined)?.template;
  return bytes(JSON.stringify(template ?? { hello: 'world' }));
}

const endpoints: EndpointConfig[] = SHARED_SECRET_SIGNERS.map((provider) => ({
  path: `/v/${provider.id}`,
  provider: provider.id,
  secrets: [secretFor(provider, 'right')],
  ...(provider.id === 'hmac' ? { options: HMAC_OPTIONS } : {}),
}));

let fx: EngineFixture;
beforeAll(async () => {
  fx = await startEngineFixture({ endpoints });
});
afterAll(() => fx.close());

async function sendSigned(provider: Provider, path: string, secret: string) {
  const request: OutgoingRequest = {
    method: 'POST',
    url: fx.url(path),
    rawHeaders: [['Content-Type', 'application/json']],
    body: bodyFor(provider),
  };
  const signed = provider.sign?.(request, secret, provider.id === 'hmac' ? HMAC_OPTIONS : {});
  if (!signed) throw new Error(`${provider.id} cannot sign`);
  const target = new URL(signed.url);
  const answer = await fx.send({ ...signed, path: target.pathname + target.search });
  expect(answer.status).toBe(200);
  return fx.newest();
}

describe('verdicts computed at capture over real HTTP', () => {
  for (const provider of SHARED_SECRET_SIGNERS) {
    it(`${provider.id}: what sign() produces verifies; a wrong secret fails with a reason`, async () => {
      const path = `/v/${provider.id}`;
      const good = await sendSigned(provider, path, secretFor(provider, 'right'));
      expect(good.provider).toBe(provider.id);
      expect(good.verdict?.signature.reason).toBeTruthy();
      expect(good.verdict?.signature.status, good.verdict?.signature.reason).toBe('valid');

      const bad = await sendSigned(provider, path, secretFor(provider, 'wrong'));
      expect(bad.verdict?.signature.status, bad.verdict?.signature.reason).toBe('invalid');
      expect(bad.verdict?.signature.reason.length).toBeGreaterThan(20);
      expect(fx.engine.store.list({ limit: 1 }).items[0]?.badge).toBe('fail');
    });
  }

  it('names the event and checks the provider schema (Preservica MOVED)', async () => {
    const preservica = allProviders.find((p) => p.id === 'preservica') as Provider;
    const stored = await sendSigned(preservica, '/v/preservica', secretFor(preservica, 'right'));
    expect(stored.event).toBeTruthy();
    expect(stored.verdict?.schema.status).toBe('valid');
  });

  it('exports provider, event, handshake and verdict in jsonl, without signature details', () => {
    const lines = [...exportChunks(fx.engine.store, { format: 'jsonl' })];
    const record = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(Object.keys(record).slice(-4)).toEqual(['provider', 'event', 'handshake', 'verdict']);
    const verdict = record['verdict'] as {
      signature: Record<string, unknown>;
      drift: Record<string, unknown>;
    };
    // `drift` (issue 16): the body is JSON, so its event's learned shape judged it.
    expect(Object.keys(verdict)).toEqual(['signature', 'schema', 'health', 'drift']);
    expect(Object.keys(verdict.drift)).toEqual(['status', 'changes']);
    expect(Object.keys(verdict.signature)).toEqual(['status', 'reason']);
    const text = lines.join('');
    // Kanboard (?token=) and GitLab (X-Gitlab-Token) send the secret itself on every request: the
    // raw request is kept as received, so only the schemes that send a signature are checked.
    const tokenSchemes = new Set(['kanboard', 'gitlab']);
    for (const provider of SHARED_SECRET_SIGNERS.filter((p) => !tokenSchemes.has(p.id))) {
      expect(text).not.toContain(secretFor(provider, 'right'));
    }
  });
});
