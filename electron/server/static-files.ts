import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, relative, resolve } from 'node:path';
import { contentTypeFor } from './content-types';

export type StaticLookup =
  | { kind: 'file'; file: string; size: number }
  | { kind: 'error'; status: 400 | 404; message: string };

const notFound: StaticLookup = { kind: 'error', status: 404, message: 'not found' };

const isInside = (root: string, file: string) => {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * Maps a request path to a file under `root`. SECURITY: the path is decoded once, then the resolved
 * real path (symlinks followed) must still be inside the real root, so `..`, `%2e%2e`, encoded
 * slashes and symlinks can't reach anything else.
 */
export async function lookupStaticFile(root: string, requestPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0] ?? '/');
  } catch {
    return { kind: 'error', status: 400, message: 'malformed path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { kind: 'error', status: 400, message: 'malformed path' };
  }
  const wanted = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return notFound;
  }
  const candidate = resolve(realRoot, `.${wanted}`);
  if (!isInside(realRoot, candidate)) return notFound;
  try {
    const real = await realpath(candidate);
    if (!isInside(realRoot, real)) return notFound;
    const info = await stat(real);
    if (!info.isFile()) return notFound;
    return { kind: 'file', file: real, size: info.size };
  } catch {
    return notFound;
  }
}

/** Serves GET/HEAD for files under `root` with the given security headers. */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  root: string,
  securityHeaders: Record<string, string>,
): Promise<void> {
  const sendText = (status: number, text: string, extra: Record<string, string> = {}) => {
    response.writeHead(status, {
      ...securityHeaders,
      ...extra,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    response.end(request.method === 'HEAD' ? undefined : text);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const path = request.url ?? '/';
  const found = await lookupStaticFile(root, path);
  if (found.kind === 'error') {
    const hint =
      found.status === 404 && (path === '/' || path.startsWith('/index.html'))
        ? `the UI is not built (${resolve(root, 'index.html')} is missing): run \`npm run build\`\n`
        : `${found.message}\n`;
    sendText(found.status, hint);
    return;
  }
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypeFor(found.file),
    'Content-Length': found.size,
    // The page is rebuilt between runs and carries no secrets, but never cache a stale bundle.
    'Cache-Control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
