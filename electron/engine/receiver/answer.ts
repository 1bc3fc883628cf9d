import { STATUS_CODES, validateHeaderName, validateHeaderValue } from 'node:http';
import type { RawHeaders } from '../../contract/delivery';
import { DELIVERY_ID_LENGTH } from '../ids';
import { messageOf } from './errors';
import type { Answer, EndpointConfig } from './types';

/** An answer ready for the wire: header pairs in order, body as bytes. */
export interface RenderedAnswer {
  status: number;
  rawHeaders: RawHeaders;
  /** The same headers as node's flat name, value... list, ready for writeHead. */
  flatHeaders: string[];
  body: Buffer;
  /**
   * The body as the string it was built from, when it was: node then sends head and body as one
   * write instead of a gathered write of two pieces.
   */
  bodyText?: string;
  delayMs: number;
}

/** Longest delay an endpoint may ask for; senders time out long before this anyway. */
export const MAX_DELAY_MS = 5 * 60 * 1000;

const JSON_TYPE = 'application/json';

/** `200 {"ok":true,"id":"<delivery id>"}`: the body carries the id, no extra header needed. */
export function defaultAnswer(id: string): Answer {
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: defaultBody(id) };
}

function defaultBody(id: string): string {
  return '{"ok":true,"id":"' + id + '"}';
}

// Every id has the same length and is ASCII, so the default answer is a fixed template with the
// id written into it, and its headers are built once and shared by every record (nothing
// mutates a stored record's headers).
const DEFAULT_TEMPLATE = Buffer.from(defaultBody('0'.repeat(DELIVERY_ID_LENGTH)), 'latin1');
const DEFAULT_ID_OFFSET = DEFAULT_TEMPLATE.indexOf('0');
const DEFAULT_RAW_HEADERS: RawHeaders = [
  ['content-type', JSON_TYPE],
  ['content-length', String(DEFAULT_TEMPLATE.length)],
];
const DEFAULT_FLAT_HEADERS = flatten(DEFAULT_RAW_HEADERS);
const ASCII_ID = /^[\x20-\x7e]*$/;

/**
 * renderAnswer(defaultAnswer(id), true), built without the intermediate objects: it is the
 * answer to nearly every request.
 */
export function renderDefaultAnswer(id: string): RenderedAnswer {
  if (id.length !== DELIVERY_ID_LENGTH || !ASCII_ID.test(id)) {
    return renderAnswer(defaultAnswer(id), true);
  }
  const body = Buffer.allocUnsafe(DEFAULT_TEMPLATE.length);
  body.set(DEFAULT_TEMPLATE);
  body.write(id, DEFAULT_ID_OFFSET, 'latin1');
  return {
    status: 200,
    rawHeaders: DEFAULT_RAW_HEADERS,
    flatHeaders: DEFAULT_FLAT_HEADERS,
    body,
    bodyText: defaultBody(id),
    delayMs: 0,
  };
}

export function errorAnswer(status: number, message: string): Answer {
  return {
    status,
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify({ ok: false, error: message }),
  };
}

/**
 * The endpoint's configured reply, fields falling back to the default answer. A custom body
 * without custom headers gets no content-type: we do not guess what the user typed.
 */
export function endpointAnswer(endpoint: EndpointConfig, id: string): Answer | null {
  const response = endpoint.response;
  if (!response) return null;
  const fallback = defaultAnswer(id);
  const customBody = response.body !== undefined;
  return {
    status: response.status ?? fallback.status,
    headers: response.headers ?? (customBody ? {} : fallback.headers),
    body: customBody ? (response.body as Uint8Array | string) : fallback.body,
    delayMs: response.delayMs ?? 0,
  };
}

// Framing is the server's job: a configured value could only corrupt the message.
const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

/**
 * Validates and serialises an answer. Answers we build ourselves skip validation (`trusted`);
 * configured or responder answers that cannot be sent become a 500 that says why, so the
 * failure is visible in the sender and in the stored record.
 */
export function renderAnswer(answer: Answer, trusted: boolean): RenderedAnswer {
  try {
    return render(answer, trusted);
  } catch (error) {
    return render(errorAnswer(500, `invalid configured answer: ${messageOf(error)}`), true);
  }
}

function render(answer: Answer, trusted: boolean): RenderedAnswer {
  const { status } = answer;
  if (!trusted && !(Number.isInteger(status) && status >= 200 && status <= 999)) {
    throw new Error(`status ${String(status)} is not a final HTTP status (200-999)`);
  }
  // 204 and 304 must not carry a body or a length (RFC 9110 §6.4.1).
  const bodyless = status === 204 || status === 304;
  const body = bodyless ? Buffer.alloc(0) : toBuffer(answer.body);
  const rawHeaders: RawHeaders = [];
  for (const name in answer.headers) {
    const value = answer.headers[name] as string;
    if (!trusted) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
      if (FRAMING_HEADERS.has(name.toLowerCase())) continue;
    }
    rawHeaders.push([name, value]);
  }
  if (!bodyless) rawHeaders.push(['content-length', String(body.length)]);
  const delay = answer.delayMs ?? 0;
  const delayMs = Number.isFinite(delay) ? Math.min(Math.max(0, delay), MAX_DELAY_MS) : 0;
  const flatHeaders = flatten(rawHeaders);
  const bodyText = !bodyless && typeof answer.body === 'string' ? answer.body : undefined;
  return { status, rawHeaders, flatHeaders, body, bodyText, delayMs };
}

/** A flat list keeps order and case, and skips node's per-header object bookkeeping. */
function flatten(rawHeaders: RawHeaders): string[] {
  const flat: string[] = [];
  for (const [name, value] of rawHeaders) flat.push(name, value);
  return flat;
}

function toBuffer(body: Uint8Array | string): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}
