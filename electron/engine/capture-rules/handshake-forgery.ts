import { createHash } from 'node:crypto';
import type { RawHeaders } from '../../contract/delivery';
import type { Verdict } from '../../contract/verdict';

/**
 * The forgery check that runs where verdicts are derived (the store's materializer thread, and
 * re-verification): pure, with no file or vault access. The ledger itself is handshake-guard.ts.
 */

export const answerDigest = (value: string): string =>
  createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * The pieces of a header value a signature could be: the whole value, and each part around `=`,
 * `,`, `;` or spaces (`sha256=<b64>`, `v0=<hex>`, `t=…,v1=…`). Short parts are skipped: no
 * handshake answer is under 16 characters.
 */
function signatureCandidates(value: string): string[] {
  const whole = value.trim();
  const parts = whole.split(/[,;\s]+/).flatMap((part) => {
    const eq = part.indexOf('=');
    return eq === -1 ? [part] : [part, part.slice(eq + 1)];
  });
  return [whole, ...parts].filter((part) => part.length >= 16);
}

/**
 * A `valid` signature that equals a challenge answer Hookscope gave is not evidence of the
 * provider: anyone could have asked for it. Such a verdict becomes `forged-via-handshake`.
 */
export function flagForgedViaHandshake(
  signature: Verdict['signature'],
  rawHeaders: RawHeaders,
  digests: ReadonlySet<string> | undefined,
): Verdict['signature'] {
  if (signature.status !== 'valid' || !digests || digests.size === 0) return signature;
  for (const [name, value] of rawHeaders) {
    for (const candidate of signatureCandidates(value)) {
      if (digests.has(answerDigest(candidate))) {
        return {
          status: 'forged-via-handshake',
          reason: `The ${name} value equals a handshake answer Hookscope gave earlier: whoever sent the challenge could compute this signature without the secret, so it proves nothing. (${signature.reason})`,
          details: { ...signature.details, header: name, matchedHandshakeAnswer: true },
        };
      }
    }
  }
  return signature;
}

const digestSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The digest list of a snapshot as a set, built once per snapshot (deriving runs per delivery). */
export function digestSet(list: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!list || list.length === 0) return undefined;
  let set = digestSets.get(list);
  if (!set) digestSets.set(list, (set = new Set(list)));
  return set;
}
