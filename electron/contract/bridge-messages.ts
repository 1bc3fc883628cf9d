// Messages of the WebSocket bridge (the browser build's transport). Each is one binary frame made by
// wire.ts, so Uint8Array values inside travel as bytes.
import { z } from 'zod';
import type { PushedEvent } from './api';
import type { Result } from './result';

/** Path of the bridge on the UI server. */
export const BRIDGE_PATH = '/bridge';
/** Subprotocol the server selects; the client offers it together with the token subprotocol. */
export const BRIDGE_PROTOCOL = 'hookscope.v1';
/**
 * The per-run token travels as a second subprotocol, `token.<hex>`: the server checks it before
 * the upgrade, so a wrong token never gets an open socket. (Browsers can't set headers on WebSocket.)
 */
export const TOKEN_PROTOCOL_PREFIX = 'token.';

/** Client -> server: one call; `id` pairs it with its result. */
export const CallMessage = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().min(0),
  name: z.string(),
  // Absent when the caller passed nothing (JSON drops undefined).
  input: z.unknown().optional(),
});
export type CallMessage = z.infer<typeof CallMessage>;

/** Server -> client. */
export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'events'; events: PushedEvent[] };

/** The token from a UI URL fragment such as `#token=abc`; null when absent. */
export function tokenFromHash(hash: string): string | null {
  // Parsed by hand: the contract compiles without DOM typings, and the token is plain hex.
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of fragment.split('&')) {
    const [key, value] = part.split('=');
    if (key === 'token' && value && /^[0-9a-f]{16,128}$/i.test(value)) return value;
  }
  return null;
}
