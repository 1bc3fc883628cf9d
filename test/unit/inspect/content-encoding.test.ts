import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../electron/engine/inspect/content-encoding';

const text = Buffer.from('{"hello":"world"}');
const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString();

describe('decodeBody', () => {
  it('returns the body as is without Content-Encoding or with identity', () => {
    expect(decodeBody([], text)).toEqual({ bytes: text, encoding: null });
    expect(decodeBody([['Content-Encoding', 'identity']], text)).toEqual({
      bytes: text,
      encoding: null,
    });
  });

  it.each([
    ['gzip', gzipSync(text)],
    ['x-gzip', gzipSync(text)],
    ['deflate', deflateSync(text)],
    ['deflate', deflateRawSync(text)],
    ['br', brotliCompressSync(text)],
  ])('decodes %s', (coding, encoded) => {
    const decoded = decodeBody([['content-encoding', coding.toUpperCase()]], encoded);
    expect(decoded.error).toBeUndefined();
    expect(decoded.encoding).toBe(coding);
    expect(asText(decoded.bytes)).toBe(text.toString());
  });

  it('undoes stacked codings from the last applied', () => {
    const encoded = brotliCompressSync(gzipSync(text));
    const decoded = decodeBody([['Content-Encoding', 'gzip, br']], encoded);
    expect(decoded.encoding).toBe('gzip, br');
    expect(asText(decoded.bytes)).toBe(text.toString());
  });

  it('keeps the sent bytes and explains a corrupt body', () => {
    const garbage = Buffer.from('not gzip at all');
    const decoded = decodeBody([['Content-Encoding', 'gzip']], garbage);
    expect(decoded.bytes).toBe(garbage);
    expect(decoded.error).toMatch(/^cannot decode gzip body/);
  });

  it('refuses an unknown coding', () => {
    const decoded = decodeBody([['Content-Encoding', 'zstd']], text);
    expect(decoded).toEqual({
      bytes: text,
      encoding: 'zstd',
      error: 'unsupported content-encoding "zstd"',
    });
  });

  it('stops a zip bomb at the cap instead of inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const decoded = decodeBody([['Content-Encoding', 'gzip']], bomb, 1024 * 1024);
    expect(decoded.bytes).toBe(bomb);
    expect(decoded.error).toBe('gzip body decodes to more than 1048576 bytes');
  });
});
