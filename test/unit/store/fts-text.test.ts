import { describe, expect, it } from 'vitest';
import {
  bodyText,
  MAX_INDEXED_BODY_BYTES,
  searchableText,
} from '../../../electron/engine/store/fts-text';

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

describe('searchable text', () => {
  it('indexes UTF-8 bodies and skips binary ones', () => {
    expect(bodyText(utf8('{"a":"é"}'))).toBe('{"a":"é"}');
    expect(bodyText(Uint8Array.from([0x7b, 0x00, 0x7d]))).toBe('');
    expect(bodyText(Uint8Array.from([0xff, 0xfe, 0x41]))).toBe('');
    expect(bodyText(new Uint8Array(0))).toBe('');
  });

  it('caps the indexed body, even when the cut splits a character', () => {
    const body = utf8(`${'a'.repeat(MAX_INDEXED_BODY_BYTES - 1)}é tail`);
    const text = bodyText(body);
    expect(text.length).toBe(MAX_INDEXED_BODY_BYTES - 1);
    expect(text.endsWith('tail')).toBe(false);
  });

  it('indexes the target raw and percent-decoded, and headers as name: value lines', () => {
    const [target, headers] = searchableText({
      target: '/q?x=hello%20world',
      rawHeaders: [
        ['X-A', '1'],
        ['x-a', '2'],
      ],
      body: new Uint8Array(0),
    });
    expect(target).toBe('/q?x=hello%20world\n/q?x=hello world');
    expect(headers).toBe('X-A: 1\nx-a: 2\n');
  });
});
