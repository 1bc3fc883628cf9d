import type { RawHeaders } from '../../contract/delivery';
import type { Provider } from '../providers/types';
import { setAtPointer } from './json-pointer';
import { expandVariables } from './template-variables';
import type { OutgoingRequest } from './types';

export interface ForgeInput {
  provider: Provider;
  event: string;
  url: string;
  /** Replaces the template entirely (e.g. `--body FILE`); its bytes are sent as given. */
  body?: Uint8Array;
  /** Replaces the provider's template but, unlike `body`, still gets variables and `sets`. */
  template?: unknown;
  /** Sent after Content-Type and User-Agent, before any signature header. */
  extraHeaders?: RawHeaders;
  /** `pointer=value` edits applied to the template; the value is parsed as JSON when it parses. */
  sets?: readonly string[];
  secret?: string;
  now?: number;
}

export class UnknownEventError extends Error {
  constructor(provider: Provider, event: string) {
    super(
      `provider "${provider.id}" has no event "${event}"; known: ${provider.events.map((e) => e.name).join(', ')}`,
    );
  }
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

/** Builds a new event from the provider's template, with variables expanded and edits applied, signed when a secret is given. */
export function forgeEvent(input: ForgeInput): OutgoingRequest {
  const definition = input.provider.events.find((e) => e.name === input.event);
  if (!definition) throw new UnknownEventError(input.provider, input.event);
  let body = input.body;
  if (!body) {
    let document = expandVariables(
      structuredClone(input.template === undefined ? definition.template : input.template),
      input.now,
    );
    for (const assignment of input.sets ?? []) {
      const { pointer, value } = parseSet(assignment);
      document = setAtPointer(document, pointer, value);
    }
    body = new TextEncoder().encode(JSON.stringify(document));
  }
  const request: OutgoingRequest = {
    method: 'POST',
    url: input.url,
    rawHeaders: [
      ['Content-Type', 'application/json'],
      ['User-Agent', `Hookscope (forged ${input.provider.id} ${input.event})`],
      ...(input.extraHeaders ?? []),
    ],
    body,
  };
  if (!input.secret || !input.provider.sign) return request;
  return input.provider.sign(
    request,
    input.secret,
    input.now === undefined ? {} : { timestamp: Math.floor(input.now / 1000) },
  );
}
