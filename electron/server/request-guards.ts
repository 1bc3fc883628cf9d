// SECURITY: the checks that keep the control surface (the UI server and its bridge) reachable only by
// the page this process served. Pure functions so each rule is tested on its own.
import { timingSafeEqual } from 'node:crypto';
import { BRIDGE_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../contract/bridge-messages';

/** The only address the UI server may listen on: never reachable from another machine. */
export const UI_HOST = '127.0.0.1';

/**
 * The Host header must name this server exactly. A page on evil.example that rebinds its DNS to
 * 127.0.0.1 sends `Host: evil.example:PORT` and is refused (DNS rebinding).
 */
export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `${UI_HOST}:${port}`;
}

/** Browsers always send Origin on WebSocket upgrades; only pages this server served may connect. */
export function isOwnOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader === `http://${UI_HOST}:${port}`;
}

/** The token offered as the `token.<hex>` subprotocol, or null. */
export function tokenFromProtocols(protocolHeader: string | undefined): string | null {
  if (!protocolHeader) return null;
  const offered = protocolHeader.split(',').map((value) => value.trim());
  if (!offered.includes(BRIDGE_PROTOCOL)) return null;
  const tokenProtocol = offered.find((value) => value.startsWith(TOKEN_PROTOCOL_PREFIX));
  return tokenProtocol ? tokenProtocol.slice(TOKEN_PROTOCOL_PREFIX.length) : null;
}

/** Constant-time comparison, so the token can't be guessed byte by byte from response times. */
export function tokenMatches(offered: string | null, expected: string): boolean {
  if (offered === null) return false;
  const a = Buffer.from(offered, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export type UpgradeRefusal = { status: 400 | 401 | 403 | 404; reason: string };

/** Decides whether a WebSocket upgrade may proceed; null means yes. */
export function checkUpgrade(
  request: { url?: string; headers: Record<string, string | string[] | undefined> },
  expected: { port: number; token: string; path: string },
): UpgradeRefusal | null {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const path = (request.url ?? '').split('?')[0];
  if (path !== expected.path) return { status: 404, reason: 'no such endpoint' };
  if (!isOwnHost(header('host'), expected.port)) return { status: 403, reason: 'wrong Host' };
  if (!isOwnOrigin(header('origin'), expected.port)) return { status: 403, reason: 'wrong Origin' };
  const token = tokenFromProtocols(header('sec-websocket-protocol'));
  if (!tokenMatches(token, expected.token))
    return { status: 401, reason: 'missing or wrong token' };
  return null;
}
