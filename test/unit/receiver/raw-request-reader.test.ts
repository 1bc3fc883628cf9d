import { describe, expect, it } from 'vitest';
import {
  RawRequestReader,
  type ReadStep,
} from '../../../electron/engine/receiver/raw-request-reader';

function feedAll(reader: RawRequestReader, text: string, pieceSize = text.length): ReadStep {
  const bytes = Buffer.from(text, 'latin1');
  let step: ReadStep = { kind: 'need-more' };
  for (let i = 0; i < bytes.length; i += pieceSize) {
    step = reader.feed(bytes.subarray(i, i + pieceSize));
    // A head step is where the receiver checks the head; here it always goes on reading.
    while (step.kind === 'head') step = reader.resume();
    if (step.kind !== 'need-more') return step;
  }
  return step;
}

describe('RawRequestReader', () => {
  it('reads a Content-Length request fed one byte at a time', () => {
    const step = feedAll(
      new RawRequestReader(8192, 1024),
      'BREW /pot?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello',
      1,
    );
    expect(step).toMatchObject({
      kind: 'request',
      head: {
        method: 'BREW',
        target: '/pot?x=1',
        httpVersion: '1.1',
        flatHeaders: ['Host', 't', 'Content-Length', '5'],
      },
      body: { size: 5, truncated: false, outcome: 'complete' },
    });
    if (step.kind === 'request') expect(step.body.body.toString()).toBe('hello');
  });

  it('de-frames chunked bodies with extensions and trailers', () => {
    const step = feedAll(
      new RawRequestReader(8192, 1024),
      'FOO / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;a=b\r\nwiki\r\n5\r\npedia\r\n0\r\nX-T: 1\r\n\r\n',
      3,
    );
    expect(step.kind).toBe('request');
    if (step.kind === 'request') expect(step.body.body.toString()).toBe('wikipedia');
  });

  it('keeps a prefix and flags truncation past the body limit', () => {
    const step = feedAll(
      new RawRequestReader(8192, 4),
      'FOO / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789',
    );
    expect(step).toMatchObject({
      kind: 'request',
      body: { size: 10, truncated: true, outcome: 'too-large' },
    });
    if (step.kind === 'request') expect(step.body.body.toString()).toBe('0123');
  });

  it('reports an aborted body at end of input', () => {
    const reader = new RawRequestReader(8192, 1024);
    expect(feedAll(reader, 'FOO / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc').kind).toBe(
      'need-more',
    );
    expect(reader.endOfInput()).toMatchObject({
      kind: 'request',
      body: { size: 3, outcome: 'aborted' },
    });
  });

  it.each([
    ['FOO / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nContent-Length: -1\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nBad Header: x\r\n\r\n', 400],
    // Versions llhttp refuses are refused here too, with node's 400 (not a 505 of our own).
    ['FOO / HTTP/1.2\r\n\r\n', 400],
    ['FOO / HTTP/3.0\r\n\r\n', 400],
    // Control bytes node's strict parser refuses: in a value, in the target, bare LF/CR, obs-fold.
    ['FOO / HTTP/1.1\r\nX-A: a\x01b\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nX-A: a\x7fb\r\n\r\n', 400],
    ['FOO /a\x01b HTTP/1.1\r\n\r\n', 400],
    ['FOO /a\xffb HTTP/1.1\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nX-A: a\nX-B: b\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nX-A: a\rb\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nX-A: a\r\n b\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nContent-Length: +3\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n', 400],
    ['F(O / HTTP/1.1\r\n\r\n', 400],
    ['FOO / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
    [`FOO / HTTP/1.1\r\nX: ${'a'.repeat(200)}\r\n\r\n`, 431],
  ])('refuses %j with %i', (text, status) => {
    expect(feedAll(new RawRequestReader(128, 1024), text)).toMatchObject({ kind: 'error', status });
  });
});
