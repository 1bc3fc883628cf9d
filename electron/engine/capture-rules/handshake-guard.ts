import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { HandshakeAnswer, Provider } from '../providers/types';
import { writeFileAtomic } from '../secrets';
import { answerDigest } from './handshake-forgery';

/**
 * What keeps the handshake responder from being a signing oracle (issue 13, README "Handshakes and
 * the signing oracle"). Providers refuse challenge values that could be signing inputs (their
 * handshake.ts); this adds what is not per provider:
 * - arming: a challenge is answered only while its endpoint is armed (a subscribe flow, a window
 *   the user opens, 10 minutes after the endpoint is saved with handshakes on), except for
 *   providers that re-validate on their own schedule (`handshakeRevalidates`);
 * - a per-source rate limit on answers;
 * - a ledger of digests of every value computed under a delivery-signing secret, so a delivery
 *   whose signature equals an answer already given is flagged `forged-via-handshake`.
 */

/** Default window after an endpoint is saved with handshakes on. */
export const DEFAULT_ARM_MS = 10 * 60_000;
/** Answers per source address: a burst of this many, refilled at one per REFILL_MS. */
export const ANSWER_BURST = 10;
export const REFILL_MS = 6_000;
/** Digests kept (the newest): Twitter's hourly CRC fills about 9,000 a year. */
const MAX_DIGESTS = 20_000;
/** Sources tracked for the rate limit before the oldest are forgotten. */
const MAX_SOURCES = 10_000;

export type GuardDecision =
  | { answered: true; answer: HandshakeAnswer }
  | { answered: false; answer: HandshakeAnswer; why: string };

export interface HandshakeGuard {
  /** Opens (or extends) an endpoint's window for `ms` from now. */
  arm(path: string, ms: number): void;
  disarm(path: string): void;
  /** Epoch ms the endpoint's window closes, or null when it is not armed. */
  armedUntil(path: string): number | null;
  /** Whether to give the provider's answer, and if not, the non-answer to give instead. */
  decide(input: {
    provider: Provider;
    answer: HandshakeAnswer;
    endpoint: string;
    /** The sender's address; null for one that is not limited (the user's own machine). */
    source: string | null;
    now: number;
  }): GuardDecision;
  /** Digests of the signed values answered so far (for deriving verdicts). */
  answerDigests(): readonly string[];
  /** Told whenever a digest is added. */
  onAnswered(listener: () => void): () => void;
}

const Ledger = z.object({ digests: z.array(z.string()) });

function nonAnswer(status: number, providerName: string, why: string): HandshakeAnswer {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `Hookscope did not answer this ${providerName} challenge: ${why}\n`,
    description: `did not answer ${providerName} challenge: ${why}`,
  };
}

export function createHandshakeGuard(
  options: { dataDir?: string; now?: () => number } = {},
): HandshakeGuard {
  const now = options.now ?? Date.now;
  const windows = new Map<string, number>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const file = options.dataDir ? join(options.dataDir, 'handshake-answers.json') : null;
  const digests = new Set<string>(readLedger(file));
  const listeners = new Set<() => void>();

  function takeToken(source: string, at: number): boolean {
    const bucket = buckets.get(source) ?? { tokens: ANSWER_BURST, at };
    const refilled = Math.min(
      ANSWER_BURST,
      bucket.tokens + Math.floor((at - bucket.at) / REFILL_MS),
    );
    const next = { tokens: refilled, at: refilled > bucket.tokens ? at : bucket.at };
    buckets.delete(source);
    if (buckets.size >= MAX_SOURCES) buckets.delete(buckets.keys().next().value as string);
    if (next.tokens <= 0) {
      buckets.set(source, next);
      return false;
    }
    buckets.set(source, { ...next, tokens: next.tokens - 1 });
    return true;
  }

  function remember(value: string): void {
    digests.add(answerDigest(value));
    while (digests.size > MAX_DIGESTS) digests.delete(digests.values().next().value as string);
    if (file) writeFileAtomic(file, `${JSON.stringify({ digests: [...digests] })}\n`, 0o600);
    for (const listener of listeners) listener();
  }

  return {
    arm(path, ms) {
      const until = now() + ms;
      if ((windows.get(path) ?? 0) < until) windows.set(path, until);
    },
    disarm(path) {
      windows.delete(path);
    },
    armedUntil(path) {
      const until = windows.get(path);
      return until !== undefined && until > now() ? until : null;
    },
    decide({ provider, answer, endpoint, source, now: at }) {
      // A refusal (unsafe value, wrong verify token, bad signature) computes nothing: give it as is.
      if (answer.unsafe !== undefined) return { answered: false, answer, why: answer.unsafe };
      if (answer.status >= 300) return { answered: true, answer };
      const until = windows.get(endpoint);
      const armed = until !== undefined && until > at;
      if (!armed && provider.handshakeRevalidates === undefined) {
        const why = `the endpoint ${endpoint} is not armed for handshakes (arm it with the endpoint's "Arm handshakes" button or \`hookscope serve --arm-handshakes MINUTES\`; a subscribe flow arms it by itself)`;
        return { answered: false, answer: nonAnswer(403, provider.name, why), why };
      }
      if (source !== null && !takeToken(source, at)) {
        const why = `too many challenges from ${source} (at most ${ANSWER_BURST}, then one every ${REFILL_MS / 1000} s)`;
        const refused = nonAnswer(429, provider.name, why);
        refused.headers['retry-after'] = String(REFILL_MS / 1000);
        return { answered: false, answer: refused, why };
      }
      if (answer.signedValue !== undefined) remember(answer.signedValue);
      return { answered: true, answer };
    },
    answerDigests: () => [...digests],
    onAnswered(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function readLedger(file: string | null): string[] {
  if (!file) return [];
  try {
    const parsed = Ledger.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.digests : [];
  } catch {
    // Missing or damaged: start empty (new answers are still recorded).
    return [];
  }
}
