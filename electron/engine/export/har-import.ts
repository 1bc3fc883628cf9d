import { z } from 'zod';
import { DeliveryVia } from '../../contract/delivery';
import { Verdict } from '../../contract/verdict';
import type { HealthFinding } from '../../contract/verdict';
import type { NewDelivery } from '../delivery';
import { bodyHealth, HEALTH_CODES } from '../inspect/body-health';
import { newDeliveryId } from '../ids';
import { fromBase64 } from './bytes';

const NameValue = z.object({ name: z.string(), value: z.string() });

const HookscopeFields = z.object({
  id: z.string().min(1),
  endpoint: z.string().nullable(),
  target: z.string().min(1),
  httpVersion: z.string(),
  remoteAddress: z.string(),
  via: DeliveryVia,
  size: z.number().int().min(0),
  truncated: z.boolean(),
  // Derived facts (optional: HARs from older versions lack them).
  provider: z.string().nullable().default(null),
  event: z.string().nullable().default(null),
  handshake: z.boolean().default(false),
  verdict: Verdict.nullable().default(null),
});

const Body = z.object({ text: z.string().optional(), encoding: z.string().optional() });

// Only what import reads is checked; other HAR fields (cookies, cache, pages...) may be anything.
const HarEntrySchema = z.object({
  startedDateTime: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
  time: z.number(),
  request: z.object({
    method: z.string().min(1),
    url: z.url(),
    httpVersion: z.string(),
    headers: z.array(NameValue),
    postData: Body.optional(),
    /** HAR 1.2: request body size in bytes, -1 when unknown. */
    bodySize: z.number().optional(),
  }),
  response: z.object({
    status: z.number().int().min(0).max(999),
    headers: z.array(NameValue),
    content: Body,
  }),
  _hookscope: HookscopeFields.optional(),
});

export const HarDocumentSchema = z.object({
  log: z.object({ entries: z.array(HarEntrySchema) }),
});

type HarEntryInput = z.output<typeof HarEntrySchema>;

function decodeBody(body: z.output<typeof Body> | undefined): Uint8Array<ArrayBuffer> {
  if (!body?.text) return new Uint8Array(0);
  return body.encoding === 'base64' ? fromBase64(body.text) : new TextEncoder().encode(body.text);
}

/** `http://host/a?b` -> `/a?b`, keeping the URL's own spelling (no re-encoding). */
function targetOf(url: string): string {
  const afterScheme = url.indexOf('//') + 2;
  const slash = url.indexOf('/', afterScheme);
  const query = url.indexOf('?', afterScheme);
  if (slash < 0 && query < 0) return '/';
  if (slash < 0 || (query >= 0 && query < slash)) return `/${url.slice(query)}`;
  return url.slice(slash);
}

/** Health code of a HAR entry whose declared body size and body disagree (import only). */
export const HAR_BODY_MISMATCH = 'har-body-size-mismatch';

/**
 * The sizes a HAR entry declares for its request body that the body present contradicts:
 * `request.bodySize` (HAR 1.2; -1 means unknown) and a Content-Length header. A HAR writer that
 * dropped the body (Chrome does for large or binary uploads) leaves exactly this trace.
 */
function sizeMismatches(entry: HarEntryInput, bodyLength: number): string[] {
  const found: string[] = [];
  const { bodySize, headers } = entry.request;
  if (bodySize !== undefined && bodySize >= 0 && bodySize !== bodyLength)
    found.push(`request.bodySize says ${bodySize} bytes`);
  for (const { name, value } of headers) {
    if (name.toLowerCase() !== 'content-length' || !/^\s*\d+\s*$/.test(value)) continue;
    if (Number(value) !== bodyLength) found.push(`Content-Length says ${value.trim()} bytes`);
  }
  return found;
}

/**
 * The verdict of an entry whose body is not what it claims: marked truncated, with a health note
 * naming the mismatch first, then the usual raw-body findings (body-health.ts) minus the generic
 * "exceeded the size limit" note, which would be false here.
 */
function mismatchVerdict(
  delivery: NewDelivery,
  mismatches: readonly string[],
  previous: NewDelivery['verdict'],
): NonNullable<NewDelivery['verdict']> {
  const note: HealthFinding = {
    code: HAR_BODY_MISMATCH,
    severity: 'error',
    message:
      `The HAR declares a body its entry does not hold: ${mismatches.join(', ')}, but the entry ` +
      `has ${delivery.body.length} bytes. Imported as truncated; signature and schema checks see an incomplete body.`,
  };
  const health = bodyHealth(delivery.rawHeaders, delivery.body, true).filter(
    (finding) => finding.code !== HEALTH_CODES.truncated,
  );
  return {
    signature: previous?.signature ?? {
      status: 'not-applicable',
      reason: 'Imported from a HAR with an incomplete body: the signature was not checked.',
    },
    schema: previous?.schema ?? { status: 'no-schema', errors: [] },
    health: [note, ...health],
  };
}

/**
 * A delivery from a HAR entry. Entries written by Hookscope carry `_hookscope` and come back
 * exactly; entries from other tools get a fresh id and the facts HAR has.
 */
export function fromHarEntry(entry: HarEntryInput): NewDelivery {
  const receivedAt = Date.parse(entry.startedDateTime);
  const ours = entry._hookscope;
  const body = decodeBody(entry.request.postData);
  const { response } = entry;
  const delivery = {
    id: ours?.id ?? newDeliveryId(receivedAt),
    receivedAt,
    endpoint: ours?.endpoint ?? null,
    method: entry.request.method,
    target: ours?.target ?? targetOf(entry.request.url),
    httpVersion: ours?.httpVersion ?? entry.request.httpVersion.replace(/^http\//i, ''),
    remoteAddress: ours?.remoteAddress ?? '',
    rawHeaders: entry.request.headers.map(({ name, value }) => [name, value]),
    body,
    size: ours?.size ?? body.byteLength,
    truncated: ours?.truncated ?? false,
    response:
      response.status === 0
        ? null
        : {
            status: response.status,
            rawHeaders: response.headers.map(({ name, value }) => [name, value]),
            body: decodeBody(response.content),
            latencyMs: Math.max(0, entry.time),
          },
    via: ours?.via ?? 'local',
    provider: ours?.provider ?? null,
    event: ours?.event ?? null,
    handshake: ours?.handshake ?? false,
    verdict: ours?.verdict ?? null,
  } satisfies NewDelivery;
  // A delivery Hookscope itself marked truncated already says so; anything else that claims more
  // (or fewer) bytes than it carries must not import as a complete body.
  const mismatches = delivery.truncated ? [] : sizeMismatches(entry, body.byteLength);
  if (mismatches.length === 0) return delivery;
  return {
    ...delivery,
    truncated: true,
    verdict: mismatchVerdict(delivery, mismatches, delivery.verdict),
  };
}
