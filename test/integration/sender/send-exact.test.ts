import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendExact } from '../../../electron/engine/sender/send-exact';
import { startEchoServer, type EchoServer } from '../../support/echo-server';

let target: EchoServer;
beforeAll(async () => {
  target = await startEchoServer();
});
afterAll(() => target.close());

describe('sendExact', () => {
  it('sends headers in order and case and the body byte for byte', async () => {
    const body = new Uint8Array(256).map((_, i) => i);
    const outcome = await sendExact({
      method: 'POST',
      url: `${target.url}/hook?b=2&a=1`,
      rawHeaders: [
        ['X-Zeta', 'last-alphabetically-first-sent'],
        ['Host', 'example.invalid'],
        ['content-type', 'application/octet-stream'],
        ['X-Dup', 'one'],
        ['X-Dup', 'two'],
        ['Connection', 'close'],
      ],
      body,
    });
    expect(outcome.ok).toBe(true);
    const got = target.received.at(-1)!;
    expect(got.url).toBe('/hook?b=2&a=1');
    expect(Buffer.compare(got.body, Buffer.from(body))).toBe(0);
    const names = got.rawHeaders.map(([name]) => name);
    expect(names.slice(0, 5)).toEqual(['X-Zeta', 'Host', 'content-type', 'X-Dup', 'X-Dup']);
    expect(got.rawHeaders.find(([n]) => n === 'Host')?.[1]).toBe(new URL(target.url).host);
    expect(got.rawHeaders.filter(([n]) => n === 'X-Dup').map(([, v]) => v)).toEqual(['one', 'two']);
  });

  it('returns the answer status, raw headers and body', async () => {
    target.answer = (_req, res) => {
      res.writeHead(418, { 'X-Answer': 'teapot' });
      res.end(Buffer.from([0, 255]));
    };
    const outcome = await sendExact({
      method: 'GET',
      url: `${target.url}/`,
      rawHeaders: [],
      body: new Uint8Array(),
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.answer.status).toBe(418);
    expect(outcome.answer.rawHeaders).toContainEqual(['X-Answer', 'teapot']);
    expect([...outcome.answer.body]).toEqual([0, 255]);
    expect(outcome.answer.timing.totalMs).toBeGreaterThanOrEqual(outcome.answer.timing.firstByteMs);
  });

  it('does not follow redirects', async () => {
    target.answer = (_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    };
    const before = target.received.length;
    const outcome = await sendExact({
      method: 'POST',
      url: `${target.url}/`,
      rawHeaders: [],
      body: new Uint8Array([1]),
    });
    expect(outcome.ok && outcome.answer.status).toBe(302);
    expect(target.received.length).toBe(before + 1);
  });

  it('reports a dead target clearly instead of throwing', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const outcome = await sendExact({
      method: 'POST',
      url: `http://127.0.0.1:${port}/`,
      rawHeaders: [],
      body: new Uint8Array(),
    });
    expect(outcome).toMatchObject({ ok: false, code: 'connection-refused' });
    expect(!outcome.ok && outcome.message).toContain(`127.0.0.1:${port}`);
  });

  it('times out on a target that never answers', async () => {
    target.answer = () => undefined;
    const outcome = await sendExact(
      { method: 'POST', url: `${target.url}/slow`, rawHeaders: [], body: new Uint8Array() },
      { timeoutMs: 200 },
    );
    expect(outcome).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('refuses a non-http URL', async () => {
    const outcome = await sendExact({
      method: 'GET',
      url: 'file:///etc/passwd',
      rawHeaders: [],
      body: new Uint8Array(),
    });
    expect(outcome).toMatchObject({ ok: false, code: 'invalid-request' });
  });
});
