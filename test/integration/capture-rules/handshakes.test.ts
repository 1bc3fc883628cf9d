import { createPublicKey, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointConfig } from '../../../electron/engine/index';
import { discord, discordPrivateKey } from '../../../electron/engine/providers/discord';
import { twitch } from '../../../electron/engine/providers/twitch';
import { playHandshake } from '../../../electron/engine/sender/handshake-player';
import { bytes, startEngineFixture, text, type EngineFixture } from './engine-fixture';

const SECRETS: Record<string, string> = {
  preservica: 'preservica-shared-secret',
  twitter: 'twitter-consumer-secret',
  zoom: 'zoom-secret-token',
  slack: 'slack-signing-secret',
  meta: 'meta-verify-token',
  'microsoft-graph': '',
  dropbox: '',
  okta: '',
  asana: '',
  websub: '',
};
const TWITCH_SECRET = 'twitch-eventsub-secret';
const DISCORD_SEED = randomBytes(32).toString('hex');
const DISCORD_PUBLIC = createPublicKey(discordPrivateKey(DISCORD_SEED))
  .export({ format: 'der', type: 'spki' })
  .subarray(-32)
  .toString('hex');

const endpoints: EndpointConfig[] = [
  ...Object.entries(SECRETS).map(([provider, secret]) => ({
    path: `/${provider}`,
    provider,
    handshake: true,
    ...(secret ? { secrets: [secret] } : {}),
  })),
  { path: '/twitch', provider: 'twitch', handshake: true, secrets: [TWITCH_SECRET] },
  {
    path: '/discord',
    provider: 'discord',
    handshake: true,
    options: { publicKey: DISCORD_PUBLIC },
  },
  { path: '/auto', handshake: true, secrets: [SECRETS.preservica as string] },
  { path: '/off', provider: 'preservica', handshake: false, secrets: ['x'] },
];

let fx: EngineFixture;
beforeAll(async () => {
  fx = await startEngineFixture({ endpoints });
});
afterAll(() => fx.close());

describe('handshakes answered by the engine over real HTTP', () => {
  for (const provider of Object.keys(SECRETS)) {
    it(`answers the ${provider} handshake as the provider expects, and stores it marked`, async () => {
      const report = await playHandshake(provider, fx.url(`/${provider}`), SECRETS[provider] ?? '');
      expect(report.reason).toMatch(/answered correctly/);
      expect(report.pass).toBe(true);

      const stored = fx.newest();
      expect(stored.handshake).toBe(true);
      expect(stored.provider).toBe(provider);
      expect(stored.endpoint).toBe(`/${provider}`);
      // The answer given is recorded with the delivery.
      expect(stored.response?.status).toBe(report.answer?.status);
      expect(text(stored.response?.body ?? new Uint8Array())).toBe(
        text(report.answer?.body ?? new Uint8Array()),
      );
    });
  }

  it('answers a Twitch EventSub verification whose signature is valid, refuses a forged one', async () => {
    const body = bytes(
      JSON.stringify({ challenge: 'pogchamp-kappa-360noscope', subscription: {} }),
    );
    const request = {
      method: 'POST',
      url: fx.url('/twitch'),
      rawHeaders: [
        ['Content-Type', 'application/json'],
        ['Twitch-Eventsub-Message-Type', 'webhook_callback_verification'],
      ] as [string, string][],
      body,
    };
    const signed = twitch.sign?.(request, TWITCH_SECRET);
    if (!signed) throw new Error('twitch signs');
    const answer = await fx.send({ ...signed, path: '/twitch' });
    expect(answer.status).toBe(200);
    expect(text(answer.body)).toBe('pogchamp-kappa-360noscope');
    expect(fx.newest()).toMatchObject({ handshake: true, provider: 'twitch' });
    expect(fx.newest().verdict?.signature.status).toBe('valid');

    const forged = twitch.sign?.(request, 'not-the-secret');
    if (!forged) throw new Error('twitch signs');
    const refused = await fx.send({ ...forged, path: '/twitch' });
    expect(refused.status).toBe(403);
    expect(fx.newest().verdict?.signature.status).toBe('invalid');
  });

  it('answers a signed Discord interactions PING with {"type":1}, and 401 to a bad signature', async () => {
    const request = {
      method: 'POST',
      url: fx.url('/discord'),
      rawHeaders: [['Content-Type', 'application/json']] as [string, string][],
      body: bytes('{"type":1,"id":"ping-1","application_id":"1"}'),
    };
    const signed = discord.sign?.(request, DISCORD_SEED);
    if (!signed) throw new Error('discord signs');
    const answer = await fx.send({ ...signed, path: '/discord' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(text(answer.body))).toEqual({ type: 1 });
    expect(fx.newest()).toMatchObject({ handshake: true, provider: 'discord' });

    const forged = discord.sign?.(request, randomBytes(32).toString('hex'));
    if (!forged) throw new Error('discord signs');
    const refused = await fx.send({ ...forged, path: '/discord' });
    expect(refused.status).toBe(401);
    expect(fx.newest().verdict?.signature.status).toBe('invalid');
  });

  it('detects the provider on an endpoint without one and answers its challenge', async () => {
    const report = await playHandshake('preservica', fx.url('/auto'), SECRETS.preservica as string);
    expect(report.pass).toBe(true);
    expect(fx.newest()).toMatchObject({ handshake: true, provider: 'preservica' });
  });

  it('does not answer a handshake on an endpoint that has them off', async () => {
    const report = await playHandshake('preservica', fx.url('/off'), 'x');
    expect(report.pass).toBe(false);
    expect(report.reason).toMatch(/challengeCode/);
    expect(fx.newest().handshake).toBe(false);
  });
});
