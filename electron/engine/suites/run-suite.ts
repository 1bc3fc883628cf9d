// Running a suite: each case's captured request is sent again (byte-exact, or re-signed with the
// provider's framing and fresh ids) through the sender's code (buildReplay + sendExact), and every
// expectation is checked. One function for `hookscope test` and the app's Suites view.
import { randomUUID } from 'node:crypto';
import type { RawHeaders } from '../../contract/delivery';
import type { CaseResult, Suite, SuiteCase, SuiteReport } from '../../contract/suites';
import { DeliveryRecordSchema, fromDeliveryRecord } from '../export/delivery-record';
import type { NewDelivery } from '../delivery';
import { findProvider } from '../providers/registry';
import { providerBudgetMs } from '../sender/provider-budgets';
import { buildReplay, overrideHeaders } from '../sender/replay';
import { sendExact } from '../sender/send-exact';
import type { OutgoingRequest, SendOutcome } from '../sender/types';
import { retryPolicyOf } from './provider-retries';

/** Answer bodies are kept up to this size (bodyContains looks within it); the preview is 4 KiB. */
export const MAX_ANSWER_BYTES = 1024 * 1024;
export const PREVIEW_BYTES = 4 * 1024;
/** Without --as-provider a case waits this long past its maxMs before giving up on the answer. */
const GRACE_MS = 5_000;

export interface RunSuiteOptions {
  /** Where every case is sent (the captured query is kept when this URL has none). */
  to: string;
  /** Re-sign every case (otherwise each case's own `resign`). */
  resign?: boolean;
  /** The secret to re-sign with; otherwise `secretFor` the case's endpoint. */
  secret?: string;
  secretFor?: (endpoint: string) => string | null;
  concurrency?: number;
  asProvider?: boolean;
  retries?: boolean;
  /** The wait between retries (the provider's own schedule is hours long). */
  retryDelayMs?: number;
  /** Only the cases with these names. */
  only?: readonly string[];
  /** Told the run's id before the first case is sent. */
  onStart?: (runId: string) => void;
  onCase?: (index: number, total: number, result: CaseResult) => void;
}

export class SuiteRunError extends Error {
  readonly code = 'invalid-input';
}

interface PreparedCase {
  item: SuiteCase;
  delivery: NewDelivery;
}

/** Every case's delivery must be a valid export record: checked before anything is sent. */
export function prepareCases(suite: Suite, only?: readonly string[]): PreparedCase[] {
  const wanted = only ? new Set(only) : null;
  const prepared: PreparedCase[] = [];
  suite.cases.forEach((item, index) => {
    if (wanted && !wanted.has(item.name)) return;
    const parsed = DeliveryRecordSchema.safeParse(item.delivery);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SuiteRunError(
        `/cases/${index}/delivery${issue?.path.map((key) => `/${String(key)}`).join('') ?? ''}: ${issue?.message ?? 'invalid'}`,
      );
    }
    prepared.push({ item, delivery: fromDeliveryRecord(parsed.data) });
  });
  if (wanted && prepared.length === 0)
    throw new SuiteRunError(`no case of "${suite.name}" is named ${[...wanted].join(', ')}`);
  return prepared;
}

function targetUrl(to: string, capturedTarget: string): string {
  const url = new URL(to);
  const query = capturedTarget.indexOf('?');
  if (url.search === '' && query !== -1) url.search = capturedTarget.slice(query);
  return url.toString();
}

const decoder = new TextDecoder('utf-8', { fatal: false });

interface Sent {
  outcome: SendOutcome;
}

export async function runSuite(suite: Suite, options: RunSuiteOptions): Promise<SuiteReport> {
  const cases = prepareCases(suite, options.only);
  const runId = randomUUID();
  options.onStart?.(runId);
  const started = performance.now();
  const results = new Array<CaseResult>(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const result = await runCase(cases[index] as PreparedCase, options);
      results[index] = result;
      options.onCase?.(index, cases.length, result);
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, 32));
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  const passed = results.filter((result) => result.ok).length;
  return {
    runId,
    to: options.to,
    passed,
    failed: results.length - passed,
    durationMs: Math.round(performance.now() - started),
    cases: results,
  };
}

async function runCase(
  { item, delivery }: PreparedCase,
  options: RunSuiteOptions,
): Promise<CaseResult> {
  const failures: string[] = [];
  const budget = options.asProvider ? providerBudgetMs(delivery.provider) : null;
  const maxMs = budget === null ? item.expect.maxMs : Math.min(item.expect.maxMs, budget);
  const timeoutMs = budget ?? item.expect.maxMs + GRACE_MS;
  const resign = options.resign ?? item.resign;

  let build: (extraHeaders: RawHeaders) => OutgoingRequest;
  try {
    build = requestBuilder(delivery, item, options, resign);
  } catch (error) {
    return {
      name: item.name,
      ok: false,
      status: null,
      ms: 0,
      failures: [(error as Error).message],
      attempts: 0,
      answer: { status: null, headers: [], bodyPreview: '', error: (error as Error).message },
    };
  }
  const send = async (extraHeaders: RawHeaders = []): Promise<Sent> => ({
    outcome: await sendExact(build(extraHeaders), { timeoutMs, maxAnswerBytes: MAX_ANSWER_BYTES }),
  });

  let attempts = 1;
  let { outcome } = await send();
  if (options.retries && !succeeded(outcome)) {
    const policy = retryPolicyOf(delivery.provider);
    for (let retry = 1; retry <= policy.retries && !succeeded(outcome); retry++) {
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1_000));
      const reason = !outcome.ok && outcome.code === 'timeout' ? 'http_timeout' : 'http_error';
      ({ outcome } = await send(policy.retryHeaders?.(retry, reason) ?? []));
      attempts += 1;
    }
  }

  const status = outcome.ok ? outcome.answer.status : null;
  const ms = Math.round(outcome.ok ? outcome.answer.timing.firstByteMs : outcome.timing.totalMs);
  const body = outcome.ok ? decoder.decode(outcome.answer.body) : '';
  if (!outcome.ok) failures.push(`no answer: ${outcome.message}`);
  else {
    const expected = item.expect.status;
    if (expected === '2xx' ? status! < 200 || status! > 299 : status !== expected)
      failures.push(`status ${status}, expected ${expected}`);
    if (ms > maxMs)
      failures.push(
        `answered in ${ms} ms, over the ${maxMs} ms allowed${budget !== null ? ` (${delivery.provider}'s budget)` : ''}`,
      );
    if (item.expect.bodyContains !== undefined && !body.includes(item.expect.bodyContains))
      failures.push(
        `the answer's body does not contain ${JSON.stringify(item.expect.bodyContains)}`,
      );
  }
  if (item.expect.idempotent && outcome.ok) {
    const again = (await send()).outcome;
    attempts += 1;
    const second = again.ok ? again.answer.status : null;
    if (second !== status)
      failures.push(
        `not idempotent: the same delivery answered ${status} then ${second ?? `no answer (${again.ok ? '' : again.message})`}`,
      );
  }
  return {
    name: item.name,
    ok: failures.length === 0,
    status,
    ms,
    failures,
    attempts,
    answer: {
      status,
      headers: outcome.ok ? outcome.answer.rawHeaders.map(([name, value]) => [name, value]) : [],
      bodyPreview: body.slice(0, PREVIEW_BYTES),
      ...(outcome.ok ? {} : { error: outcome.message }),
    },
  };
}

function succeeded(outcome: SendOutcome): boolean {
  return outcome.ok && outcome.answer.status >= 200 && outcome.answer.status < 300;
}

/** Builds the case's request afresh for each send (a re-signed request gets a new timestamp). */
function requestBuilder(
  delivery: NewDelivery,
  item: SuiteCase,
  options: RunSuiteOptions,
  resign: boolean,
): (extraHeaders: RawHeaders) => OutgoingRequest {
  const url = targetUrl(options.to, delivery.target);
  let resigning: Parameters<typeof buildReplay>[2];
  if (resign) {
    const provider = delivery.provider ? findProvider(delivery.provider) : undefined;
    if (!provider?.sign)
      throw new Error(
        `cannot re-sign: ${delivery.provider ? `provider "${delivery.provider}" does not sign requests` : 'the delivery has no provider'}`,
      );
    const endpoint = item.resignWith?.endpoint ?? delivery.endpoint;
    const secret = options.secret ?? (endpoint ? options.secretFor?.(endpoint) : null) ?? null;
    if (!secret)
      throw new Error(
        `cannot re-sign: no secret (pass --secret, or save one for endpoint ${endpoint ?? '(none)'})`,
      );
    resigning = { provider, secret };
  }
  return (extraHeaders) => {
    const request = buildReplay(delivery, { url }, resigning);
    return extraHeaders.length
      ? { ...request, rawHeaders: overrideHeaders(request.rawHeaders, extraHeaders) }
      : request;
  };
}
