import { allProviders, findProvider } from '../engine/providers/registry';
import type { RawHeaders } from '../contract/delivery';
import type { BodyFraming, Provider } from '../engine/providers/types';
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

/** `--framing`: `chunked` or `length`; `as-captured` (and no flag) leaves the request's own framing. */
export function parseFraming(text: string | undefined): BodyFraming | undefined {
  if (text === undefined || text === 'as-captured') return undefined;
  if (text === 'chunked' || text === 'length') return text;
  throw new UsageError(`--framing must be chunked, length or as-captured, got "${text}"`);
}

// RFC 9110 5.1 field-name token; a value may not hold CR, LF or NUL (RFC 9110 5.5).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\r\n\0]/;

/** Repeated `--header 'Name: value'` flags as header pairs, in the order given. */
export function parseHeaderFlags(flags: readonly string[] | undefined): RawHeaders {
  return (flags ?? []).map((flag) => {
    const colon = flag.indexOf(':');
    const name = colon < 0 ? '' : flag.slice(0, colon);
    if (!HEADER_NAME.test(name)) {
      throw new UsageError(`--header must look like 'Name: value', got "${flag}"`);
    }
    // Optional whitespace around the value is not part of it (RFC 9110 5.5).
    const value = flag.slice(colon + 1).trim();
    if (BAD_VALUE.test(value)) {
      throw new UsageError(`--header ${name}: the value may not contain line breaks or NUL`);
    }
    return [name, value];
  });
}
