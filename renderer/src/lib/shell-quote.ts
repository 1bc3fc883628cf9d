// POSIX shell quoting for "copy as curl": the command must reproduce the exact bytes when pasted.

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
