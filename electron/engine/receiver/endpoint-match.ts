import type { EndpointConfig } from './types';

/**
 * The path of a raw request target, without query or fragment. An absolute-form target
 * (`http://host/p?q`, as proxies send) yields its path; `*` (OPTIONS *) stays `*`.
 */
export function requestPath(target: string): string {
  let path = target;
  if (path.charCodeAt(0) !== 47 /* '/' */ && /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    const slash = path.indexOf('/', path.indexOf('//') + 2);
    path = slash === -1 ? '/' : path.slice(slash);
  }
  const question = path.indexOf('?');
  if (question !== -1) path = path.slice(0, question);
  const hash = path.indexOf('#');
  return hash === -1 ? path : path.slice(0, hash);
}

/**
 * The endpoint whose path is the longest prefix of `path`, on segment boundaries: `/hooks`
 * matches `/hooks`, `/hooks/` and `/hooks/github` but not `/hooksmith`. A configured trailing
 * slash is ignored (`/hooks/` behaves as `/hooks`); `/` matches every path.
 */
export function matchEndpoint(
  endpoints: readonly EndpointConfig[],
  path: string,
): EndpointConfig | null {
  let best: EndpointConfig | null = null;
  let bestLength = -1;
  for (const endpoint of endpoints) {
    const prefix = normalizePrefix(endpoint.path);
    if (prefix.length <= bestLength || !isPathPrefix(prefix, path)) continue;
    best = endpoint;
    bestLength = prefix.length;
  }
  return best;
}

function normalizePrefix(configured: string): string {
  let prefix = configured.startsWith('/') ? configured : `/${configured}`;
  while (prefix.length > 1 && prefix.endsWith('/')) prefix = prefix.slice(0, -1);
  return prefix;
}

function isPathPrefix(prefix: string, path: string): boolean {
  if (prefix === '/') return true;
  if (!path.startsWith(prefix)) return false;
  return path.length === prefix.length || path.charCodeAt(prefix.length) === 47; /* '/' */
}
