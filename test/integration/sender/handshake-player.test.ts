// The handshake player acts as the provider subscribing. Against Hookscope's own receiver (a real
// engine with handshakes on) every play passes; against a server that just answers 200 "ok" every
// play fails, and the report says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshakePlays } from '../../../electron/engine/sender/handshake-plays';
import { playHandshake } from '../../../electron/engine/sender/handshake-player';
import { startEchoServer, type EchoServer } from '../../support/echo-server';
import { startEngineFixture, type EngineFixture } from '../capture-rules/engine-fixture';

const SECRET = 'player-shared-secret';

let fx: EngineFixture;
let wrong: EchoServer;
beforeAll(async () => {
  fx = await startEngineFixture({
    endpoints: handshakePlays.map((play) => ({
      path: `/${play.provider}`,
      provider: play.provider,
      handshake: true,
      secrets: [SECRET],
    })),
  });
  wrong = await startEchoServer();
});
afterAll(async () => {
  await fx.close();
  await wrong.close();
});

describe('playHandshake against real receivers', () => {
  for (const play of handshakePlays) {
    it(`${play.provider}: passes against Hookscope, fails against a plain 200 "ok" with the reason`, async () => {
      const good = await playHandshake(play.provider, fx.url(`/${play.provider}`), SECRET);
      expect(good.reason).toMatch(/answered correctly/);
      expect(good.pass).toBe(true);

      const bad = await playHandshake(play.provider, `${wrong.url}/${play.provider}`, SECRET);
      expect(bad.pass).toBe(false);
      // "not JSON", "does not echo", "the body is ... expected the challenge ..." and so on.
      expect(bad.reason).toMatch(/not JSON|does not|expected|no "/);
      expect(wrong.received.at(-1)?.url.startsWith(`/${play.provider}`)).toBe(true);
    });
  }
});
