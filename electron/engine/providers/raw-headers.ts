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
