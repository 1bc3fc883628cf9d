import type { RawHeaders } from '../../contract/delivery';

/**
 * Replaces headers of a finished (signed) request by name, case-insensitively: the first header of
 * that name takes the new value in place (so the order on the wire stays the provider's), later
 * duplicates are dropped, names not present are appended. This is how the forge's headers panel edits
 * any header that goes out, the signature header included, without the signer signing it over again.
 */
export function overrideHeaders(headers: RawHeaders, overrides: RawHeaders): RawHeaders {
  let result: RawHeaders = [...headers];
  for (const [name, value] of overrides) {
    const lower = name.toLowerCase();
    const first = result.findIndex(([existing]) => existing.toLowerCase() === lower);
    if (first === -1) {
      result.push([name, value]);
      continue;
    }
    result = result.filter(
      ([existing], index) => index === first || existing.toLowerCase() !== lower,
    );
    result[first] = [name, value];
  }
  return result;
}
