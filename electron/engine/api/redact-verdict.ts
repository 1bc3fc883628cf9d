import type { Verdict } from '../../contract/verdict';

/**
 * SECURITY: a verdict for a wrongly signed delivery holds the signature that *would* have been
 * valid (providers' `expected`, `expectedWithFirstSecret`, ... in details, and a preview in the
 * reason). Whoever reads it can forge that delivery, so nothing outside the engine gets more than
 * its first characters: "expected starts with 7c95…". Received values stay: the sender sent them.
 */
export const REDACTED_PREFIX = 4;

/** Detail keys that hold a value computed with the secret, for every provider. */
const SECRET_DERIVED_KEY = /^(expected|computed)/i;

export function redactSignatureValue(value: string): string {
  return `${value.slice(0, REDACTED_PREFIX)}…`;
}

function redactDeep(value: unknown, found: string[]): unknown {
  if (typeof value === 'string') {
    found.push(value);
    return redactSignatureValue(value);
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, found));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, found)]),
    );
  }
  return value;
}

/** Replaces any run of 5+ leading characters of a secret-derived value in free text. */
function redactText(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values) {
    for (let length = value.length; length > REDACTED_PREFIX; length -= 1) {
      const piece = value.slice(0, length);
      if (out.includes(piece)) out = out.split(piece).join(redactSignatureValue(value));
    }
  }
  return out;
}

export function redactVerdict(verdict: Verdict): Verdict {
  const { details } = verdict.signature;
  if (!details) return verdict;
  const found: string[] = [];
  const redacted = Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      SECRET_DERIVED_KEY.test(key) ? redactDeep(value, found) : value,
    ]),
  );
  const values = found.filter((value) => value.length > REDACTED_PREFIX);
  return {
    ...verdict,
    signature: {
      ...verdict.signature,
      reason: redactText(verdict.signature.reason, values),
      details: redacted,
    },
  };
}

function isVerdict(value: unknown): value is Verdict {
  const signature = (value as { signature?: unknown } | null)?.signature;
  return (
    typeof signature === 'object' &&
    signature !== null &&
    typeof (signature as { reason?: unknown }).reason === 'string'
  );
}

/**
 * Redacts every `verdict` found in a call's output (deliveries, send results, re-verification),
 * so no handler can forget it. Bytes and other leaves are returned as they are.
 */
export function redactVerdictsIn(output: unknown, depth = 0): unknown {
  if (depth > 8 || output === null || typeof output !== 'object') return output;
  if (ArrayBuffer.isView(output)) return output;
  if (Array.isArray(output)) {
    let changed = false;
    const next = output.map((item) => {
      const redacted = redactVerdictsIn(item, depth + 1);
      changed ||= redacted !== item;
      return redacted;
    });
    return changed ? next : output;
  }
  let changed = false;
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(output)) {
    const redacted =
      key === 'verdict' && isVerdict(value)
        ? redactVerdict(value)
        : redactVerdictsIn(value, depth + 1);
    changed ||= redacted !== value;
    next[key] = redacted;
  }
  return changed ? next : output;
}
