import { isAscii as nativeIsAscii, isUtf8 } from 'node:buffer';

/**
 * Offset of the first byte that breaks UTF-8 (overlongs, surrogates and out-of-range code points
 * included), or -1 when the whole buffer is valid. The native check answers the common valid case
 * in a fraction of the JS scan's time; only an invalid buffer is scanned here to say where.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let min: number;
    let codePoint: number;
    if (lead >= 0xc2 && lead <= 0xdf) [length, min, codePoint] = [2, 0x80, lead & 0x1f];
    else if (lead >= 0xe0 && lead <= 0xef) [length, min, codePoint] = [3, 0x800, lead & 0x0f];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min, codePoint] = [4, 0x10000, lead & 0x07];
    else return index;
    if (index + length > bytes.length) return index;
    for (let offset = 1; offset < length; offset += 1) {
      const next = bytes[index + offset] ?? 0;
      if ((next & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return index;
    }
    index += length;
  }
  return -1;
}

/** Native (SIMD) scan: runs on every captured body, so a per-byte JS callback is too slow. */
export function isAscii(bytes: Uint8Array): boolean {
  return nativeIsAscii(bytes);
}
