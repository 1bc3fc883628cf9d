import { describe, expect, it } from 'vitest';
import {
  fromHarEntry,
  HarDocumentSchema,
  harChunks,
  toHarEntry,
  type HarLog,
} from '../../../electron/engine/export';
import { HOOKSCOPE_VERSION } from '../../../electron/engine/version';
import { harProblems } from './har-spec';
import { sampleDeliveries } from './sample-deliveries';

const samples = sampleDeliveries();
const sample = (index: number) => {
  const delivery = samples[index];
  if (!delivery) throw new Error(`no sample ${index}`);
  return delivery;
};

function exportHar(): HarLog {
  return JSON.parse([...harChunks(samples)].join('')) as HarLog;
}

describe('HAR export', () => {
  it('is a valid HAR 1.2 document', () => {
    const har = exportHar();
    expect(harProblems(har)).toEqual([]);
    expect(har.log.creator).toEqual({ name: 'Hookscope', version: HOOKSCOPE_VERSION });
    expect(har.log.entries).toHaveLength(samples.length);
  });

  it('the checker itself catches a missing required field', () => {
    const har = exportHar();
    const entry = har.log.entries[0] as unknown as Record<string, unknown>;
    delete (entry.request as Record<string, unknown>).queryString;
    entry.extra = 1;
    expect(harProblems(har)).toEqual([
      'log.entries[0].extra: not a HAR field',
      'log.entries[0].request.queryString: missing',
    ]);
  });

  it('streams the same text as one JSON.stringify of the whole document', () => {
    const whole: HarLog = {
      log: {
        version: '1.2',
        creator: { name: 'Hookscope', version: HOOKSCOPE_VERSION },
        pages: [],
        entries: samples.map((delivery) => toHarEntry(delivery)),
      },
    };
    expect([...harChunks(samples)].join('')).toBe(`${JSON.stringify(whole, null, 2)}\n`);
    expect(JSON.parse([...harChunks([])].join(''))).toEqual({
      ...whole,
      log: { ...whole.log, entries: [] },
    });
  });

  it('builds an absolute URL from the Host header, with the query parsed', () => {
    const entry = toHarEntry(sample(0));
    expect(entry.request.url).toBe('http://hooks.example.test:8787/kanboard?token=abc&x=%20y');
    expect(entry.request.queryString).toEqual([
      { name: 'token', value: 'abc' },
      { name: 'x', value: ' y' },
    ]);
    expect(entry.request.httpVersion).toBe('HTTP/1.1');
    // No Host header: a fallback host keeps the URL absolute.
    expect(toHarEntry(sample(2), { fallbackHost: '127.0.0.1:9' }).request.url).toBe(
      'http://127.0.0.1:9/ping',
    );
  });

  it('keeps raw header order, case and duplicates', () => {
    expect(toHarEntry(sample(0)).request.headers).toEqual([
      { name: 'Host', value: 'hooks.example.test:8787' },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Dup', value: 'one' },
      { name: 'x-dup', value: 'two' },
    ]);
  });

  it('writes text bodies as text and binary bodies as base64 with encoding', () => {
    const text = toHarEntry(sample(0));
    expect(text.request.postData).toEqual({
      mimeType: 'application/json',
      text: '{"event_name":"task.create","é":"ü"}',
    });
    expect(text.response.content).toEqual({ size: 2, mimeType: 'text/plain', text: 'ok' });

    const binary = toHarEntry(sample(1));
    expect(binary.request.postData?.encoding).toBe('base64');
    expect(
      Buffer.from(binary.request.postData?.text ?? '', 'base64').equals(
        Buffer.from(sample(1).body),
      ),
    ).toBe(true);
    expect(binary.response.content).toMatchObject({ size: 3, encoding: 'base64', text: 'AP8B' });
  });

  it('omits postData for an empty body and marks a missing answer with status 0', () => {
    const entry = toHarEntry(sample(2));
    expect(entry.request.postData).toBeUndefined();
    expect(entry.response.status).toBe(0);
    expect(entry.time).toBe(0);
  });

  it('carries the id and the raw facts HAR cannot hold in _hookscope', () => {
    expect(toHarEntry(sample(3))._hookscope).toEqual({
      id: sample(3).id,
      endpoint: null,
      target: '/big',
      httpVersion: '1.1',
      remoteAddress: '127.0.0.1',
      via: 'local',
      size: 99_999_999,
      truncated: true,
      provider: sample(3).provider,
      event: sample(3).event,
      handshake: sample(3).handshake,
      verdict: sample(3).verdict,
    });
  });
});

describe('HAR import', () => {
  it('gives back every exported delivery exactly', () => {
    const parsed = HarDocumentSchema.parse(exportHar());
    const back = parsed.log.entries.map(fromHarEntry);
    expect(back).toEqual(samples);
  });

  it('imports an entry from another tool, without _hookscope', () => {
    const foreign = {
      log: {
        entries: [
          {
            startedDateTime: '2024-05-06T07:08:09.010+02:00',
            time: 12.5,
            request: {
              method: 'POST',
              url: 'https://api.example.test/hooks/a%20b?x=1',
              httpVersion: 'http/2.0',
              headers: [{ name: 'content-type', value: 'text/plain' }],
              postData: { mimeType: 'text/plain', text: 'hello' },
            },
            response: { status: 204, headers: [], content: { size: 0, mimeType: 'x-unknown' } },
          },
        ],
      },
    };
    const [delivery] = HarDocumentSchema.parse(foreign).log.entries.map(fromHarEntry);
    expect(delivery).toMatchObject({
      receivedAt: Date.UTC(2024, 4, 6, 5, 8, 9, 10),
      method: 'POST',
      target: '/hooks/a%20b?x=1',
      httpVersion: '2.0',
      rawHeaders: [['content-type', 'text/plain']],
      size: 5,
      truncated: false,
      response: { status: 204, rawHeaders: [], latencyMs: 12.5 },
    });
    expect(new TextDecoder().decode(delivery?.body)).toBe('hello');
    expect(delivery?.id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('names the bad field of a bad entry', () => {
    const har = exportHar() as unknown as { log: { entries: { request: { url: string } }[] } };
    const second = har.log.entries[1];
    if (second) second.request.url = 'not a url';
    const result = HarDocumentSchema.safeParse(har);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['log', 'entries', 1, 'request', 'url']);
  });
});
