import { sendExact } from '../sender/send-exact';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: [string, string][];
  body?: string;
}

/** A management API's answer, read as text (these APIs speak JSON or nothing). */
export type HttpReply =
  | { reached: true; status: number; text: string; json: unknown }
  | { reached: false; message: string };

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * One request to a provider's management API through sendExact (the one HTTP client of the engine).
 * Never throws: a server that is down becomes `{reached: false}` with sendExact's message.
 */
export async function callHttp(call: HttpCall, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<HttpReply> {
  const body = new TextEncoder().encode(call.body ?? '');
  const outcome = await sendExact(
    { method: call.method, url: call.url, rawHeaders: call.headers, body },
    { timeoutMs },
  );
  if (!outcome.ok) return { reached: false, message: outcome.message };
  const text = new TextDecoder().decode(outcome.answer.body);
  return { reached: true, status: outcome.answer.status, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const MAX_SERVER_MESSAGE = 500;

/** The provider's own explanation from an error answer: a JSON message field, else the text. */
export function serverMessageOf(reply: { text: string; json: unknown }): string {
  const json = reply.json;
  if (typeof json === 'object' && json !== null) {
    for (const key of ['message', 'error_description', 'error', 'detail', 'title']) {
      const value = (json as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.trim() !== '') return clip(value.trim());
    }
  }
  return clip(reply.text.trim());
}

function clip(text: string): string {
  return text.length > MAX_SERVER_MESSAGE ? `${text.slice(0, MAX_SERVER_MESSAGE)}…` : text;
}

/** `https://host` for `host`, no trailing slash: the base every API path is appended to. */
export function normalizeServerUrl(server: string): string | null {
  const trimmed = server.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.search || url.hash) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}
