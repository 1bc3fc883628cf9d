// "Copy as curl": a command that sends the same method, target, headers and body bytes.
import type { RawHeaders } from '../../../electron/contract/delivery';
import { decodeUtf8Strict } from './bytes';
import { joinUrl } from './request-parts';
import { ansiCBytes, printfBytes, shellQuote } from './shell-quote';

export interface CurlRequest {
  method: string;
  /** Receiver base URL, e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** Raw target exactly as received (path + query). */
  target: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

/**
 * Headers curl must compute itself: the URL decides Host, curl frames the body (a stale
 * Content-Length or Transfer-Encoding would corrupt the request), and connection management
 * is per hop.
 */
const SKIPPED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'expect',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

function headerArgument(name: string, value: string): string {
  // `-H 'X:'` tells curl to REMOVE header X; `-H 'X;'` is how curl sends it with an empty value.
  return value === '' ? `${name};` : `${name}: ${value}`;
}

/** How the body reaches curl: a quoted argument, or a pipe when it holds NUL (no shell word can). */
function bodyParts(body: Uint8Array): { prefix: string; argument: string } | null {
  if (body.length === 0) return null;
  if (body.includes(0)) return { prefix: `printf ${printfBytes(body)} | `, argument: '@-' };
  const text = decodeUtf8Strict(body);
  if (text === null) return { prefix: '', argument: ansiCBytes(body) };
  return { prefix: '', argument: shellQuote(text) };
}

export function buildCurl(request: CurlRequest): string {
  const { method, target, rawHeaders, body } = request;
  const url = joinUrl(request.baseUrl, target);
  const upper = method.toUpperCase();
  const data = bodyParts(body);
  // One option per line, as browsers' "copy as cURL" does, so long commands stay readable.
  const first: string[] = ['curl'];
  const lines: string[] = [];
  if (upper === 'HEAD' && !data) first.push('--head');
  else if (!(upper === 'GET' && !data) && !(upper === 'POST' && data)) {
    first.push('-X', shellQuote(method));
  }
  // Without these curl would rewrite `/../` segments and expand `[1-3]` or `{a,b}` globs.
  if (/(^|\/)\.\.?(\/|$|\?)/.test(target)) first.push('--path-as-is');
  if (/[[\]{}]/.test(target)) first.push('--globoff');
  first.push(shellQuote(url));
  lines.push(first.join(' '));
  for (const [name, value] of rawHeaders) {
    if (SKIPPED_HEADERS.has(name.toLowerCase())) continue;
    lines.push(`-H ${shellQuote(headerArgument(name, value))}`);
  }
  if (data) lines.push(`--data-binary ${data.argument}`);
  return (data?.prefix ?? '') + lines.join(' \\\n  ');
}
