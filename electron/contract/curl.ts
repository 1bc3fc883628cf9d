// "Copy as curl": a POSIX sh command that makes curl send the same method, target, header lines
// (order and case) and body bytes. Pure (no node:*, no DOM) so the renderer's "Copy as curl" and
// `hookscope export --format curl` build the same command.
//
// What curl does on its own, and how each is undone (curl 7.88 lib/http.c, Curl_http and
// Curl_add_custom_headers; docs/cmdline-opts/header.d, data-binary.d, request-target.d, disable.d):
// - it adds User-Agent, Accept, and with --data-binary Content-Type
//   (application/x-www-form-urlencoded) and, for big bodies, `Expect: 100-continue`, unless a custom
//   header of that name exists. `-H 'Name:'` removes one, so each default the original lacked is
//   removed explicitly;
// - it computes Host from the URL (kept: the command targets the receiver, not the original host);
// - it appends Content-Length after the custom headers unless one is given: the original one is
//   passed through (same place, same case) when it matches the body;
// - `--data-binary @x` reads file x, so a body is never an argument: it arrives on stdin (`@-`)
//   from `printf '%b'` with escapes (NUL, a leading `-` or `@`, quotes all survive), or from a file;
// - `-q` first: a ~/.curlrc cannot add headers or options.
import type { RawHeaders } from './delivery';
import { latin1Bytes, posixWord, printfBEscapes, shellQuote } from './shell-quote';

export interface CurlRequest {
  method: string;
  /** Receiver base URL, e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** Raw target exactly as received (path + query). */
  target: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

/** Bodies larger than this go to a file instead of the command line (issue 17: the UI's copy). */
export const CURL_BODY_FILE_THRESHOLD = 64 * 1024;

export interface CurlOptions {
  /** Larger bodies use `bodyFile`; `Infinity` keeps every body on stdin. Default 64 KiB. */
  fileThresholdBytes?: number;
  /** Where a large body goes (default `hookscope-body.bin`, relative to the shell's directory). */
  bodyFile?: string;
  /**
   * true: the caller saves the body at `bodyFile` itself (e.g. a download next to the copied
   * command), so the command only references it. false (default): the command first writes the
   * file from a base64 here-document (compact, and no shell expansion inside `<<'EOF'`).
   */
  bodyFileProvided?: boolean;
}

const DEFAULT_BODY_FILE = 'hookscope-body.bin';
const HEREDOC_END = 'HOOKSCOPE_BODY';

/** Headers curl adds by itself when absent; removed (`-H 'Name:'`) when the original lacked them. */
const CURL_DEFAULTS = ['User-Agent', 'Accept'] as const;
const CURL_BODY_DEFAULTS = ['Content-Type', 'Expect'] as const;

/** A target curl sends unchanged inside a URL (no dot segments, globs, spaces or non-ASCII). */
const PLAIN_TARGET = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$|\?)/;

function has(rawHeaders: RawHeaders, name: string): boolean {
  const lower = name.toLowerCase();
  return rawHeaders.some(([header]) => header.toLowerCase() === lower);
}

/**
 * The original framing header is kept when curl would frame the body the same way: a single
 * Content-Length equal to the body size, or `Transfer-Encoding: chunked` (curl then chunks the
 * upload itself). A stale or duplicated one is dropped and curl computes its own.
 */
function keepsFraming(
  rawHeaders: RawHeaders,
  body: Uint8Array,
): (name: string, value: string) => boolean {
  const lengths = rawHeaders.filter(([name]) => name.toLowerCase() === 'content-length');
  const encodings = rawHeaders.filter(([name]) => name.toLowerCase() === 'transfer-encoding');
  const chunked =
    body.length > 0 &&
    encodings.length === 1 &&
    lengths.length === 0 &&
    encodings[0]![1].trim().toLowerCase() === 'chunked';
  const lengthOk =
    encodings.length === 0 && lengths.length === 1 && lengths[0]![1].trim() === String(body.length);
  return (name, _value) => {
    const lower = name.toLowerCase();
    if (lower === 'content-length') return lengthOk;
    if (lower === 'transfer-encoding') return chunked;
    return true;
  };
}

/** `-H` argument: `Name: value`, or curl's `Name;` for an empty value (`Name:` would remove it). */
function headerWord(name: string, value: string): string {
  return posixWord(latin1Bytes(value === '' ? `${name};` : `${name}: ${value}`));
}

function base64Lines(bytes: Uint8Array): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lines: string[] = [];
  let line = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    line += alphabet[(triple >> 18) & 63]! + alphabet[(triple >> 12) & 63]!;
    line += b === undefined ? '=' : alphabet[(triple >> 6) & 63]!;
    line += c === undefined ? '=' : alphabet[triple & 63]!;
    if (line.length >= 76) {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Builds the command; see the file comment for what it guarantees. */
export function buildCurl(request: CurlRequest, options: CurlOptions = {}): string {
  const { method, target, rawHeaders, body } = request;
  const threshold = options.fileThresholdBytes ?? CURL_BODY_FILE_THRESHOLD;
  const hasBody = body.length > 0;
  const inFile = hasBody && body.length > threshold;
  const bodyFile = options.bodyFile ?? DEFAULT_BODY_FILE;

  const first: string[] = ['curl', '-q'];
  // --head for a bodiless HEAD (with -X HEAD curl would wait for a body); -X only when curl's own
  // choice (GET, or POST with --data-binary) would not be the exact method, case included.
  if (method === 'HEAD' && !hasBody) first.push('--head');
  else if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody)) {
    first.push('-X', posixWord(latin1Bytes(method)));
  }
  const base = request.baseUrl.endsWith('/') ? request.baseUrl.slice(0, -1) : request.baseUrl;
  if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) {
    first.push(shellQuote(base + target));
  } else {
    // curl would normalise dot segments, expand [1-3]/{a,b} globs or refuse spaces in a URL:
    // --request-target sends the raw target as the request line's target, byte for byte.
    first.push('--request-target', posixWord(latin1Bytes(target)), shellQuote(`${base}/`));
  }

  const lines: string[] = [first.join(' ')];
  const keep = keepsFraming(rawHeaders, body);
  for (const [name, value] of rawHeaders) {
    // Host comes from the URL. A name starting with "@" would make -H read a file: no valid
    // header name can (it is not a token character), so such a name is dropped, never obeyed.
    if (name.toLowerCase() === 'host' || name.startsWith('@') || !keep(name, value)) continue;
    lines.push(`-H ${headerWord(name, value)}`);
  }
  const removed = [...CURL_DEFAULTS, ...(hasBody ? CURL_BODY_DEFAULTS : [])].filter(
    (name) => !has(rawHeaders, name),
  );
  for (const name of removed) lines.push(`-H '${name}:'`);

  if (!hasBody) return lines.join(' \\\n  ');
  if (!inFile) {
    lines.push('--data-binary @-');
    return `printf '%b' '${printfBEscapes(body)}' | ${lines.join(' \\\n  ')}`;
  }
  lines.push(`--data-binary @${shellQuote(bodyFile)}`);
  const command = lines.join(' \\\n  ');
  if (options.bodyFileProvided) return command;
  const write = `base64 -d > ${shellQuote(bodyFile)} <<'${HEREDOC_END}'\n${base64Lines(body).join('\n')}\n${HEREDOC_END}\n`;
  return write + command;
}
