import { describe, expect, it } from 'vitest';
import { customRequestStart } from '../../../electron/engine/receiver/raw-exchange';

/** Where the raw path starts reading, from the packet and position llhttp reported. */
describe('customRequestStart', () => {
  const head = 'POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n';
  it.each([
    // [packet, bytesParsed as llhttp reports it, code, expected request line start]
    // FOO: llhttp accepts F (FLUSH) and fails at the first O.
    [`${head}abcFOO /x HTTP/1.1\r\n\r\n`, head.length + 4, 'HPE_INVALID_METHOD', 'FOO /x'],
    // PUX: PU is a prefix of PUT, failing at X.
    [`${head}abcPUX /x HTTP/1.1\r\n\r\n`, head.length + 5, 'HPE_INVALID_METHOD', 'PUX /x'],
    // POSTX: a whole method, then no space.
    ['POSTX / HTTP/1.1\r\n\r\n', 4, 'HPE_INVALID_METHOD', 'POSTX /'],
    // Lower case fails at its first byte.
    ['post / HTTP/1.1\r\n\r\n', 0, 'HPE_INVALID_METHOD', 'post /'],
    // After a head without body the request starts on its own line.
    ['GET / HTTP/1.1\r\n\r\nBREW / HTTP/1.1\r\n\r\n', 19, 'HPE_INVALID_METHOD', 'BREW /'],
    // An RTSP-only method over HTTP fails after `HTTP`: the method ends the first token.
    [`${head}abcPLAY / HTTP/1.1\r\n\r\n`, head.length + 14, 'HPE_INVALID_CONSTANT', 'PLAY /'],
  ])('%j at %i (%s) starts at %j', (text, parsed, code, expected) => {
    const packet = Buffer.from(text, 'latin1');
    const start = customRequestStart(packet, parsed, code);
    expect(packet.toString('latin1', start, start + expected.length)).toBe(expected);
  });
});
