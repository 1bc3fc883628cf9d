// SECURITY: which URLs count as "the app". Used by the IPC sender check and the navigation guards.

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/**
 * True when `url` is the app's own page. For a file:// app that means exactly the same file (any
 * other local file could be hostile HTML saved from a webhook body); for the dev server, the same
 * origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parse(url);
  const app = parse(appUrl);
  if (!candidate || !app) return false;
  if (app.protocol === 'file:')
    return candidate.protocol === 'file:' && candidate.pathname === app.pathname;
  return candidate.origin === app.origin;
}

/** The URL to hand to the OS browser, or null: only http(s), and only after parsing. */
export function externalUrlToOpen(url: string): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
