// One Content-Security-Policy for every shell. Captured bodies are hostile input: the page may run
// only its own bundled scripts, load nothing remote, embed nothing, and post forms nowhere.

const BASE_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // No 'unsafe-inline': React style props go through CSSOM, which CSP does not restrict.
  ['style-src', "'self'"],
  // blob: for image previews of captured bodies (an <img> of the bytes: it can't run script).
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  // Body formatting runs in a Web Worker bundled with the app.
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** The policy string; `connectSrc` adds sources to connect-src (the browser build's bridge). */
export function contentSecurityPolicy(options: { connectSrc?: readonly string[] } = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? [])].join(' ');
  const directives = [...BASE_DIRECTIVES];
  directives.splice(5, 0, ['connect-src', connect]);
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/**
 * The policy renderer/index.html carries in its meta tag. The meta can't know the bridge's port, so
 * it allows any loopback WebSocket; each shell's header narrows it (both policies apply): Electron to
 * 'self' only, the browser build to its own ws://127.0.0.1:PORT.
 */
export const CONTENT_SECURITY_POLICY_META = contentSecurityPolicy({
  connectSrc: ['ws://127.0.0.1:*'],
});

/**
 * DEVELOPMENT ONLY (`npm start`, Vite's dev server): Vite injects <style> elements, React Refresh
 * adds an inline preamble script, and hot reload talks over ws:// to the dev server. A built app
 * never uses this: vite.config.ts applies it to the dev server only, and Electron main only when it
 * loads the dev server URL of an unpackaged build.
 */
export function developmentContentSecurityPolicy(): string {
  return contentSecurityPolicy({ connectSrc: ['ws://localhost:*', 'ws://127.0.0.1:*'] })
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
}
