// POSIX shell quoting for "copy as curl" (renderer and CLI): the command must reproduce the exact bytes when pasted.

/** Characters that never need quoting in sh, bash or zsh. */
const SAFE_WORD = /^[A-Za-z0-9_\-.,:/@%+=]+$/;
/** Characters that should not travel raw through a clipboard and a terminal paste. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ANSI_C = /[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/;

function ansiCEscape(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === "'") out += "\\'";
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f))
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `$'${out}'`;
}

/**
 * Quotes one shell word. Plain text goes in single quotes (nothing is special inside them except
 * the quote itself); text with control characters uses bash/zsh $'...' escapes so that a paste
 * cannot carry terminal control bytes. NUL cannot live in a shell word at all: callers must route
 * such data through a pipe (see curl.ts).
 */
export function shellQuote(text: string): string {
  if (text !== '' && SAFE_WORD.test(text)) return text;
  if (NEEDS_ANSI_C.test(text)) return ansiCEscape(text);
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Quotes raw bytes for `$'...'`, every non-printable or non-ASCII byte as \xHH (no NUL allowed). */
export function ansiCBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x27) out += "\\'";
    else if (byte === 0x0a) out += '\\n';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `$'${out}'`;
}

/**
 * A printf format string (single-quoted) that prints the bytes exactly: octal escapes for
 * anything non-printable, `%%` for percent, `\\` for backslash. POSIX printf, so it works in sh.
 */
export function printfBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x27) out += '\\047';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `'${out}'`;
}

/**
 * Length of the valid UTF-8 sequence at `index` whose code point may travel raw through a
 * clipboard, or 0. Raw means readable: accented letters, CJK, emoji. Escaped instead: C1 controls,
 * the U+2000-U+206F block (zero-width and bidi overrides can hide or reorder what the user reads
 * before running it) and BOM/specials. Overlong forms and surrogates are not valid UTF-8.
 */
function printableUtf8Length(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  let length: number;
  let codePoint: number;
  if (lead >= 0xc2 && lead <= 0xdf) [length, codePoint] = [2, lead & 0x1f];
  else if (lead >= 0xe0 && lead <= 0xef) [length, codePoint] = [3, lead & 0x0f];
  else if (lead >= 0xf0 && lead <= 0xf4) [length, codePoint] = [4, lead & 0x07];
  else return 0;
  if (index + length > bytes.length) return 0;
  for (let k = 1; k < length; k += 1) {
    const next = bytes[index + k] ?? 0;
    if ((next & 0xc0) !== 0x80) return 0;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  const minimum = [0, 0, 0x80, 0x800, 0x10000][length] ?? 0;
  if (codePoint < minimum || codePoint > 0x10ffff) return 0;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 0;
  if (codePoint < 0xa0) return 0;
  if (codePoint >= 0x2000 && codePoint <= 0x206f) return 0;
  if (codePoint === 0xfeff || (codePoint >= 0xfff0 && codePoint <= 0xffff)) return 0;
  return length;
}

function utf8Text(bytes: Uint8Array, start: number, length: number): string {
  let codePoint = (bytes[start] ?? 0) & [0, 0, 0x1f, 0x0f, 0x07][length]!;
  for (let k = 1; k < length; k += 1)
    codePoint = (codePoint << 6) | ((bytes[start + k] ?? 0) & 0x3f);
  return String.fromCodePoint(codePoint);
}

/**
 * The text of a single-quoted argument for POSIX `printf '%b'` that prints exactly `bytes`:
 * `\\` for backslash, `\0ooo` octal for quotes and every other non-printable byte (the only octal
 * form %b knows in POSIX sh, dash and bash alike), `\n`/`\r`/`\t` for readability, and printable
 * ASCII or readable UTF-8 as is. NUL is fine here (`\0000`): the argument never holds a raw NUL.
 * `%` needs no escape: %b only interprets backslashes.
 */
export function printfBEscapes(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length;) {
    const byte = bytes[index] ?? 0;
    if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte >= 0x20 && byte < 0x7f && byte !== 0x27) out += String.fromCharCode(byte);
    else {
      const length = byte >= 0x80 ? printableUtf8Length(bytes, index) : 0;
      if (length > 0) {
        out += utf8Text(bytes, index, length);
        index += length;
        continue;
      }
      out += `\\0${byte.toString(8).padStart(3, '0')}`;
    }
    index += 1;
  }
  return out;
}

/** Bytes of a string that holds one byte per character (how raw header values and targets are kept). */
export function latin1Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) bytes[index] = text.charCodeAt(index) & 0xff;
  return bytes;
}

/**
 * One POSIX sh word that expands to exactly `bytes` (no NUL: no argument can hold one): bare when
 * safe, single-quoted when printable, else `"$(printf '%b' '...')"` so control bytes never travel
 * raw through a clipboard and the command still runs in sh, not only bash ($'...' is not POSIX).
 * Command substitution drops trailing newlines: header values and targets cannot end in one.
 */
export function posixWord(bytes: Uint8Array): string {
  const escaped = printfBEscapes(bytes);
  // Printable means: nothing was escaped except quotes and backslashes, which '...' keeps literally.
  let plain = '';
  let printable = true;
  for (let index = 0; index < bytes.length;) {
    const byte = bytes[index] ?? 0;
    if (byte >= 0x20 && byte < 0x7f) {
      plain += String.fromCharCode(byte);
      index += 1;
      continue;
    }
    const length = byte >= 0x80 ? printableUtf8Length(bytes, index) : 0;
    if (length === 0) {
      printable = false;
      break;
    }
    plain += utf8Text(bytes, index, length);
    index += length;
  }
  if (printable) return shellQuote(plain);
  return `"$(printf '%b' '${escaped}')"`;
}
