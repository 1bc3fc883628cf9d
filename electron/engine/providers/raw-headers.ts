import type { RawHeaders } from '../../contract/delivery';

/** A copy of the header pairs with every `name` header (any case) replaced by one pair at the end. */
export function withHeader(rawHeaders: RawHeaders, name: string, value: string): RawHeaders {
  const wanted = name.toLowerCase();
  const kept = rawHeaders.filter(([key]) => key.toLowerCase() !== wanted);
  return [...kept, [name, value]];
}

/** All values of one header (any case), in the order received. */
export function headerValues(rawHeaders: RawHeaders, name: string): string[] {
  const wanted = name.toLowerCase();
  return rawHeaders.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
}

/**
 * Lower-cased name -> first value, for the header list asked about last. Detection asks every
 * provider about one delivery's headers (dozens of lookups, each lower-casing every name), so one
 * pass builds the index and each lookup is a Map get. Captured header lists are never edited in
 * place (withHeader copies), so the list's identity is its version.
 */
let indexedHeaders: RawHeaders | null = null;
let firstValues = new Map<string, string>();
/** Provider header names are constants: lower-case each once (bounded: names may come from config). */
const loweredNames = new Map<string, string>();
const MAX_LOWERED_NAMES = 512;

function lowerName(name: string): string {
  let lowered = loweredNames.get(name);
  if (lowered === undefined) {
    lowered = name.toLowerCase();
    if (loweredNames.size < MAX_LOWERED_NAMES) loweredNames.set(name, lowered);
  }
  return lowered;
}

/** Case-insensitive first value of a header, like contract's headerValue, for hot paths. */
export function indexedHeaderValue(rawHeaders: RawHeaders, name: string): string | null {
  if (rawHeaders !== indexedHeaders) {
    firstValues = new Map();
    for (const [key, value] of rawHeaders) {
      const lowered = key.toLowerCase();
      if (!firstValues.has(lowered)) firstValues.set(lowered, value);
    }
    indexedHeaders = rawHeaders;
  }
  return firstValues.get(lowerName(name)) ?? null;
}
