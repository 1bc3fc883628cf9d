import type { RawHeaders } from '../../contract/delivery';
import type { EventDefinition, Provider, SignOptions } from '../providers/types';
import { setAtPointer } from './json-pointer';
import { expandText, expandVariables } from './template-variables';
import type { OutgoingRequest } from './types';

export interface ForgeInput {
  provider: Provider;
  /** A name in `provider.events` or one of `provider.eventAliases`. */
  event: string;
  url: string;
  /** Replaces the template entirely (e.g. `--body FILE`); its bytes are sent as given. */
  body?: Uint8Array;
  /** Replaces the provider's template but, unlike `body`, still gets variables and `sets`. */
  template?: unknown;
  /** Sent after the provider's own headers, before any signature header. */
  extraHeaders?: RawHeaders;
  /** `pointer=value` edits applied to the template; the value is parsed as JSON when it parses. */
  sets?: readonly string[];
  secret?: string;
  /** Passed to the provider's `sign` (Preservica `bodyEncoding`). */
  signOptions?: SignOptions;
  now?: number;
}

/** The valid spellings of a provider's events: its names, then its aliases as `alias (= name)`. */
export function knownEventNames(provider: Provider): string[] {
  return [
    ...provider.events.map((event) => event.name),
    ...Object.entries(provider.eventAliases ?? {}).map(([alias, name]) => `${alias} (= ${name})`),
  ];
}

export class UnknownEventError extends Error {
  readonly code = 'invalid-input';
  constructor(provider: Provider, event: string) {
    super(
      `provider "${provider.id}" has no event "${event}"; known: ${knownEventNames(provider).join(', ')}`,
    );
  }
}

/** The definition an event name (or alias) stands for; throws UnknownEventError listing every valid spelling. */
export function resolveEvent(provider: Provider, event: string): EventDefinition {
  const canonical = provider.eventAliases?.[event] ?? event;
  const definition = provider.events.find((candidate) => candidate.name === canonical);
  if (!definition) throw new UnknownEventError(provider, event);
  return definition;
}

/** Parses `--set /a/b=value`; the value is JSON when it parses (numbers, true, {...}), else a string. */
export function parseSet(assignment: string): { pointer: string; value: unknown } {
  const at = assignment.indexOf('=');
  if (at <= 0) throw new Error(`invalid --set "${assignment}": expected /json/pointer=value`);
  const raw = assignment.slice(at + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: keep it as the string the user typed.
  }
  return { pointer: assignment.slice(0, at), value };
}

/*
 * Exact integers. Shopify ids (820982911946154508) exceed 2^53: JSON.parse would round them
 * (…500). Templates that hold such ids are JSON text; when `--set` edits must parse one, integer
 * literals beyond 2^53 travel as marked strings and are written back as the same digits.
 */
/** JSON.parse, except that integer literals beyond 2^53 become marked strings (see stringifyExactJson). */
export function parseExactJson(text: string): unknown {
  let marked = '';
  let from = 0;
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!;
    if (inString) {
      if (char === '\\') at += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char !== '-' && (char < '0' || char > '9')) continue;
    let end = at + 1;
    while (end < text.length && /[0-9eE.+-]/.test(text[end]!)) end += 1;
    const literal = text.slice(at, end);
    if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
      // Written as the JSON escape \u0000: JSON.parse turns it into U+0000 + "exact-integer:" + digits.
      marked += `${text.slice(from, at)}"\\u0000exact-integer:${literal}"`;
      from = end;
    }
    at = end - 1;
  }
  return JSON.parse(marked + text.slice(from));
}

/** JSON.stringify that writes parseExactJson's marked integers back as the exact digits. */
export function stringifyExactJson(value: unknown): string {
  // JSON.stringify escapes U+0000 as \u0000, which no other JSON string value produces unescaped.
  return JSON.stringify(value).replace(/"\\u0000exact-integer:(-?\d+)"/g, '$1');
}

function applySets(document: unknown, sets: readonly string[]): unknown {
  let edited = document;
  for (const assignment of sets) {
    const { pointer, value } = parseSet(assignment);
    edited = setAtPointer(edited, pointer, value);
  }
  return edited;
}

/**
 * The body bytes of a template. A string template is the body's text (JSON text with exact big
 * integers, or a form body): its variables are expanded in place. Any other value is a JSON document.
 */
function templateBody(template: unknown, input: ForgeInput, now: number): Uint8Array {
  const context = { event: input.event };
  const sets = input.sets ?? [];
  if (typeof template === 'string') {
    const text = expandText(template, now, context);
    if (sets.length === 0) return new TextEncoder().encode(text);
    return new TextEncoder().encode(stringifyExactJson(applySets(parseExactJson(text), sets)));
  }
  const document = applySets(expandVariables(structuredClone(template), now, context), sets);
  // A document from parseExactJson carries big integers as markers: written back exactly.
  return new TextEncoder().encode(stringifyExactJson(document));
}

function genericContentType(body: Uint8Array): string {
  try {
    JSON.parse(new TextDecoder().decode(body));
    return 'application/json';
  } catch {
    return 'text/plain; charset=utf-8';
  }
}

/**
 * Builds a new event from the provider's template, with variables expanded and edits applied, dressed
 * as the provider sends it (its `forge` headers and framing), then the user's headers, then the
 * signature when a secret is given.
 */
export function forgeEvent(input: ForgeInput): OutgoingRequest {
  const definition = resolveEvent(input.provider, input.event);
  // One clock for the template, the provider's headers and the signature (Standard Webhooks and
  // Slack send the timestamp they sign).
  const now = input.now ?? Date.now();
  const body =
    input.body ??
    templateBody(input.template === undefined ? definition.template : input.template, input, now);
  const shape = input.provider.forge?.({ event: definition.name, body, now, url: input.url });
  const request: OutgoingRequest = {
    method: 'POST',
    url: input.url,
    rawHeaders: [
      ...(shape?.headers ?? [
        ['Content-Type', genericContentType(body)],
        ['User-Agent', `Hookscope (forged ${input.provider.id} ${definition.name})`],
      ]),
      ...(input.extraHeaders ?? []),
    ],
    body,
  };
  // The provider's body framing (Preservica: chunked).
  if (shape) request.framing = shape.framing;
  if (!input.secret || !input.provider.sign) return request;
  return input.provider.sign(request, input.secret, {
    ...input.signOptions,
    timestamp: input.signOptions?.timestamp ?? Math.floor(now / 1000),
  });
}
