// How Preservica sends an event notification, for forge. Follows pyPreservica's reference receiver
// (carj/pyPreservica @ dd3097fd12eddc7ecdc812d85e24ffd15239a4e3, pyPreservica/webHooksAPI.py,
// `WebHookHandler.do_POST`) and protocols.md 1.1.5:
// - the handler reads a body only when `Transfer-Encoding` contains "chunked" and ignores
//   Content-Length, so Preservica sends chunked bodies with no Content-Length;
// - it decodes the body as UTF-8 and signs `preservica-webhook-auth` + that text re-encoded as
//   latin-1 (`bytes(verify_body, 'latin-1')`); Preservica's own encoding of non-ASCII bodies is not
//   documented, so the user picks which bytes are signed.
import type { ForgeContext, ForgeShape, SignOptions } from '../types';

/** The header set besides `Preservica-Signature` (which `sign` adds after these). */
export function preservicaForge(_context: ForgeContext): ForgeShape {
  return {
    // The body is JSON (the SDK `json.loads` it); the content type itself is not checked by any
    // receiver in the SDK, so this is the plain JSON type, not a claim about Preservica's exact value.
    headers: [
      ['Content-Type', 'application/json'],
      ['Transfer-Encoding', 'chunked'],
    ],
    framing: 'chunked',
  };
}

/**
 * Which bytes a Preservica signature is computed over, for a body that is not plain ASCII:
 * `utf-8`, the body bytes as sent; `latin-1`, the body decoded as UTF-8 and re-encoded as latin-1,
 * which is what pyPreservica's receivers check. For ASCII bodies both are the same bytes.
 */
export type PreservicaBodyEncoding = 'utf-8' | 'latin-1';
export const PRESERVICA_BODY_ENCODINGS: readonly PreservicaBodyEncoding[] = ['utf-8', 'latin-1'];

/** The `bodyEncoding` sign option, checked (`sign` options come from the CLI and the UI). */
export function bodyEncodingOption(options: SignOptions | undefined): PreservicaBodyEncoding {
  const chosen = options?.['bodyEncoding'];
  if (chosen === undefined) return 'utf-8';
  if (chosen === 'utf-8' || chosen === 'latin-1') return chosen;
  throw new Error(
    `unknown body encoding ${JSON.stringify(chosen)}; use one of: ${PRESERVICA_BODY_ENCODINGS.join(', ')}`,
  );
}

/**
 * The body's text as latin-1 bytes, the way pyPreservica builds what it signs. Throws, saying why,
 * when that cannot be done: the body is not UTF-8 (the SDK's `decode('utf-8')` raises) or holds a
 * character beyond U+00FF (its `bytes(..., 'latin-1')` raises).
 */
export function reencodeAsLatin1(body: Uint8Array): Buffer {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new Error('the body is not valid UTF-8, so it has no latin-1 re-encoding');
  }
  // eslint-disable-next-line no-control-regex
  const beyond = /[^\u0000-\u00ff]/u.exec(text);
  if (beyond) {
    const codePoint = beyond[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new Error(
      `the body holds U+${codePoint} (character ${beyond.index + 1}), which latin-1 cannot encode; sign it as utf-8`,
    );
  }
  return Buffer.from(text, 'latin1');
}

/** The bytes to put after `preservica-webhook-auth` when signing with this encoding. */
export function signedBodyBytes(body: Uint8Array, encoding: PreservicaBodyEncoding): Uint8Array {
  return encoding === 'latin-1' ? reencodeAsLatin1(body) : body;
}
