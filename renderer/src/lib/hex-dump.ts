// Classic hex dump (offset | hex | ascii), the view for binary bodies.

export interface HexLine {
  offset: string;
  hex: string;
  ascii: string;
}

export const HEX_BYTES_PER_LINE = 16;

function hexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

function asciiChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/** Formats `count` lines of the dump starting at line `firstLine`; pure so long bodies can page. */
export function hexDumpLines(bytes: Uint8Array, firstLine = 0, count = Infinity): HexLine[] {
  const lines: HexLine[] = [];
  const totalLines = Math.ceil(bytes.length / HEX_BYTES_PER_LINE);
  const end = Math.min(totalLines, firstLine + count);
  for (let line = firstLine; line < end; line++) {
    const start = line * HEX_BYTES_PER_LINE;
    const slice = bytes.subarray(start, start + HEX_BYTES_PER_LINE);
    const hexParts: string[] = [];
    let ascii = '';
    for (let i = 0; i < HEX_BYTES_PER_LINE; i++) {
      const byte = slice[i];
      hexParts.push(byte === undefined ? '  ' : hexByte(byte));
      ascii += byte === undefined ? '' : asciiChar(byte);
      // An extra space after the 8th byte, as xxd and hexdump -C do, makes columns easy to count.
      if (i === 7) hexParts.push('');
    }
    lines.push({ offset: start.toString(16).padStart(8, '0'), hex: hexParts.join(' '), ascii });
  }
  return lines;
}

export function hexLineCount(bytes: Uint8Array): number {
  return Math.ceil(bytes.length / HEX_BYTES_PER_LINE);
}
