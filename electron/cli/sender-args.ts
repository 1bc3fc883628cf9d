import { allProviders, findProvider } from '../engine/providers/registry';
import type { Provider } from '../engine/providers/types';
import { UsageError } from './args';

/** The flag's value as an http(s) URL, or a usage error naming the flag. */
export function requireHttpUrl(text: string | undefined, flag: string): string {
  if (!text) throw new UsageError(`missing --${flag} URL`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--${flag} must be an http:// or https:// URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--${flag} must be an http:// or https:// URL, got "${text}"`);
  }
  return text;
}

export function requireKnownProvider(id: string | undefined): Provider {
  if (!id) throw new UsageError('missing --provider');
  const provider = findProvider(id);
  if (!provider) {
    throw new UsageError(
      `unknown provider "${id}"; known providers: ${allProviders.map((p) => p.id).join(', ')}`,
    );
  }
  return provider;
}
