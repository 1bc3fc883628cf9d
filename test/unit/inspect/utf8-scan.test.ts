import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8Offset, isAscii } from '../../../electron/engine/inspect/utf8-scan';

const strict = new TextDecoder('utf-8', { fatal: true });

function decodes(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('utf8 scan (native fast path, JS scan for the offset)', () => {
  it('agrees with a strict decoder on every lead byte followed by 0-3 continuation-ish bytes', () => {
    const tails = [[], [0x80], [0xbf, 0xbf], [0x80, 0x80, 0x80], [0xa0, 0x80], [0x90, 0x80, 0x80]];
    for (let lead = 0; lead < 256; lead += 1) {
      for (const tail of tails) {
        const bytes = new Uint8Array([0x41, lead, ...tail, 0x42]);
        expect(firstInvalidUtf8Offset(bytes) === -1, `${lead} ${tail.join(',')}`).toBe(
          decodes(bytes),
        );
        expect(isAscii(bytes)).toBe(bytes.every((byte) => byte < 0x80));
      }
    }
  });

  it('locates the first bad byte after valid multi-byte text', () => {
    const text = new TextEncoder().encode('héllo wörld ☃ 😀');
    expect(firstInvalidUtf8Offset(new Uint8Array([...text, 0x80, 0x41]))).toBe(text.length);
    expect(firstInvalidUtf8Offset(new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]))).toBe(1);
    expect(firstInvalidUtf8Offset(new Uint8Array([0x22, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8Offset(text)).toBe(-1);
    expect(firstInvalidUtf8Offset(new Uint8Array(0))).toBe(-1);
  });

  it('reads a view into a larger buffer, not the whole buffer', () => {
    const backing = new Uint8Array([0xff, 0x41, 0x42, 0xff]);
    const view = backing.subarray(1, 3);
    expect(isAscii(view)).toBe(true);
    expect(firstInvalidUtf8Offset(view)).toBe(-1);
  });
});
