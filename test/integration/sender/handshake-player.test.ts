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

// pyPreservica's FlaskWebhookHandler.verify_challenge (carj/pyPreservica pyPreservica/webHooksAPI.py)
// returns `body, 200, {"application/json": 'text/plain; charset=utf-8'}`: Flask sends its default
// `Content-Type: text/html; charset=utf-8` plus a header line whose name is not a token. This
// stand-in writes that answer byte for byte over node:net, with the HMAC computed as the SDK does
// (key and code encoded latin-1).
import { createHmac } from 'node:crypto';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';

function pyPreservicaFlaskStandIn(secret: string): Promise<{ server: NetServer; url: string }> {
  const server = createNetServer((socket) => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const target = /^POST (\S+) HTTP/.exec(head)?.[1] ?? '/';
      const code = new URL(target, 'http://x').searchParams.get('challengeCode') ?? '';
      const response = createHmac('sha256', Buffer.from(secret, 'latin1'))
        .update(Buffer.from(code, 'latin1'))
        .digest('hex');
      // json.dumps's spacing: `{"challengeCode": "…", "challengeResponse": "…"}`.
      const body = `{"challengeCode": "${code}", "challengeResponse": "${response}"}`;
      socket.end(
        'HTTP/1.1 200 OK\r\n' +
          'Server: Werkzeug/3.0.1 Python/3.12.3\r\n' +
          'Content-Type: text/html; charset=utf-8\r\n' +
          'application/json: text/plain; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
      }),
    ),
  );
}

describe('the Preservica play against what real receivers answer', () => {
  it('passes against Hookscope with a non-ASCII secret (both sides use latin-1, as pyPreservica)', async () => {
    const engine = await startEngineFixture({
      endpoints: [
        { path: '/cafe', provider: 'preservica', handshake: true, secrets: ['café-secret'] },
      ],
    });
    try {
      const report = await playHandshake('preservica', engine.url('/cafe'), 'café-secret');
      expect(report.reason).toMatch(/answered correctly/);
      expect(report.pass).toBe(true);
      const wrong = await playHandshake('preservica', engine.url('/cafe'), 'cafe-secret');
      expect(wrong.pass).toBe(false);
      expect(wrong.reason).toMatch(
        /^"challengeResponse" is "[0-9a-f]{64}", expected "[0-9a-f]{64}"$/,
      );
    } finally {
      await engine.close();
    }
  });

  it("reads pyPreservica's Flask answer leniently and names the malformed header line", async () => {
    const standIn = await pyPreservicaFlaskStandIn('café-secret');
    try {
      const right = await playHandshake('preservica', standIn.url, 'café-secret');
      expect(right.pass).toBe(true);
      expect(right.notes).toEqual([
        'header line 3 is not a valid HTTP header: `application/json: text/plain; charset=utf-8`',
      ]);
      expect(right.reason).toContain(
        'header line 3 is not a valid HTTP header: `application/json: text/plain; charset=utf-8`',
      );

      const wrong = await playHandshake('preservica', standIn.url, 'another-secret');
      expect(wrong.pass).toBe(false);
      // The real cause first, then what was tolerated: never "Parse Error: Invalid header token".
      expect(wrong.reason).toMatch(
        /^"challengeResponse" is "[0-9a-f]{64}", expected "[0-9a-f]{64}" \(header line 3 is not a valid HTTP header: `application\/json: text\/plain; charset=utf-8`\)$/,
      );
      expect(wrong.reason).not.toMatch(/Parse Error/);
    } finally {
      await new Promise((resolve) => standIn.server.close(resolve));
    }
  });

  it('reports a redirect as such (providers do not follow them)', async () => {
    const redirecting: HttpServer = createHttpServer((_req, res) => {
      res.writeHead(301, { Location: 'https://elsewhere.example/hook' }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const port = (redirecting.address() as { port: number }).port;
      const report = await playHandshake('preservica', `http://127.0.0.1:${port}/hook`, 's');
      expect(report.pass).toBe(false);
      expect(report.reason).toBe(
        'expected HTTP 200, got HTTP 301 (the answer is a redirect (HTTP 301 to https://elsewhere.example/hook), and providers do not follow redirects)',
      );
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });
});
