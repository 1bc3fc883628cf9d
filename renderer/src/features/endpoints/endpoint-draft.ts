// The endpoint editor's draft and its conversion to `endpoints:set` input. Pure: unit-tested.
import type { EndpointInput, EndpointView } from '../../../../electron/contract/endpoint';

/** One forward rule as edited: events as comma-separated text. */
export interface ForwardDraft {
  url: string;
  events: string;
  proxy: boolean;
}

/** Secrets are write-only: the editor keeps them, replaces them (rotation: several) or clears them. */
export type SecretsEdit =
  { mode: 'keep' } | { mode: 'replace'; values: string[] } | { mode: 'clear' };

export interface EndpointDraft {
  /** null while the endpoint is new (its path is still editable). */
  savedPath: string | null;
  path: string;
  /** '' means auto-detect. */
  provider: string;
  handshake: boolean;
  secretCount: number;
  secrets: SecretsEdit;
  status: string;
  /** One `Name: value` per line. */
  headers: string;
  body: string;
  delayMs: string;
  /** JSON object text, '' for none. */
  options: string;
  forward: ForwardDraft[];
}

export function emptyDraft(): EndpointDraft {
  return {
    savedPath: null,
    path: '/',
    provider: '',
    handshake: false,
    secretCount: 0,
    secrets: { mode: 'keep' },
    status: '',
    headers: '',
    body: '',
    delayMs: '',
    options: '',
    forward: [],
  };
}

export function draftFromView(view: EndpointView): EndpointDraft {
  const response = view.response ?? {};
  const body = response.body;
  return {
    savedPath: view.path,
    path: view.path,
    provider: view.provider ?? '',
    handshake: view.handshake ?? false,
    secretCount: view.secretCount,
    secrets: { mode: 'keep' },
    status: response.status === undefined ? '' : String(response.status),
    headers: Object.entries(response.headers ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    body: typeof body === 'string' ? body : body ? new TextDecoder().decode(body) : '',
    delayMs: response.delayMs === undefined ? '' : String(response.delayMs),
    options: view.options ? JSON.stringify(view.options, null, 2) : '',
    forward: (view.forward ?? []).map((rule) => ({
      url: rule.url,
      events: (rule.events ?? []).join(', '),
      proxy: rule.proxy ?? false,
    })),
  };
}

/** An EndpointInput for an unchanged endpoint: secrets omitted, so the engine keeps them. */
export function inputFromView(view: EndpointView): EndpointInput {
  const { secretCount: _count, ...rest } = view;
  return rest;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [index, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`answer header line ${index + 1} must be "Name: value"`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parseInteger(text: string, field: string): number | undefined {
  if (!text.trim()) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`${field} must be a whole number`);
  return value;
}

/** The draft as input; throws an Error naming the field when something cannot be converted. */
export function inputFromDraft(draft: EndpointDraft): EndpointInput {
  const input: EndpointInput = { path: draft.path.trim() };
  if (draft.provider) input.provider = draft.provider;
  if (draft.handshake) input.handshake = true;
  if (draft.secrets.mode === 'clear') input.secrets = [];
  if (draft.secrets.mode === 'replace') {
    const values = draft.secrets.values.filter((value) => value.length > 0);
    if (values.length === 0) throw new Error('enter at least one secret, or keep the current ones');
    input.secrets = values;
  }
  const status = parseInteger(draft.status, 'answer status');
  const delayMs = parseInteger(draft.delayMs, 'answer delay');
  const headers = parseHeaders(draft.headers);
  const response: NonNullable<EndpointInput['response']> = {};
  if (status !== undefined) response.status = status;
  if (Object.keys(headers).length > 0) response.headers = headers;
  if (draft.body) response.body = draft.body;
  if (delayMs !== undefined) response.delayMs = delayMs;
  if (Object.keys(response).length > 0) input.response = response;
  if (draft.options.trim()) {
    let options: unknown;
    try {
      options = JSON.parse(draft.options);
    } catch (error) {
      throw new Error(`options must be a JSON object (${(error as Error).message})`);
    }
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new Error('options must be a JSON object');
    }
    input.options = options as Record<string, unknown>;
  }
  const forward = draft.forward
    .filter((rule) => rule.url.trim() !== '')
    .map((rule) => {
      const events = rule.events
        .split(',')
        .map((event) => event.trim())
        .filter((event) => event !== '');
      if (!/^https?:\/\//.test(rule.url.trim())) {
        throw new Error(`forward target "${rule.url}" must be an http(s) URL`);
      }
      return {
        url: rule.url.trim(),
        ...(events.length > 0 ? { events } : {}),
        ...(rule.proxy ? { proxy: true } : {}),
      };
    });
  if (forward.length > 0) input.forward = forward;
  return input;
}

/** The full list for `endpoints:set`: others unchanged, this one replaced (or added). */
export function endpointsWith(
  current: readonly EndpointView[],
  draft: EndpointDraft,
): EndpointInput[] {
  const edited = inputFromDraft(draft);
  const others = current.filter((view) => view.path !== draft.savedPath).map(inputFromView);
  return [...others, edited];
}

/** "2 secrets set" / "not set": all the UI ever learns about secrets. */
export function secretsLabel(count: number): string {
  if (count === 0) return 'not set';
  return count === 1 ? 'set' : `set (${count}, rotation)`;
}
