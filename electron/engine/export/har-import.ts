import { z } from 'zod';
import { DeliveryVia } from '../../contract/delivery';
import { Verdict } from '../../contract/verdict';
import type { NewDelivery } from '../delivery';
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

/**
 * A delivery from a HAR entry. Entries written by Hookscope carry `_hookscope` and come back
 * exactly; entries from other tools get a fresh id and the facts HAR has.
 */
export function fromHarEntry(entry: HarEntryInput): NewDelivery {
  const receivedAt = Date.parse(entry.startedDateTime);
  const ours = entry._hookscope;
  const body = decodeBody(entry.request.postData);
  const { response } = entry;
  return {
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
  };
}
