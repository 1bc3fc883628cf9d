import { isDeepStrictEqual } from 'node:util';
import type { EndpointConfig } from '../receiver/types';

/**
 * Paths whose verdicts may differ after an edit: secrets, provider or options changed, or the
 * endpoint appeared or went away. Answer-only edits (status, body, handshake) change no verdict.
 */
export function changedEndpointPaths(
  before: readonly EndpointConfig[],
  after: readonly EndpointConfig[],
): string[] {
  const old = new Map(before.map((endpoint) => [endpoint.path, endpoint]));
  const changed = new Set<string>();
  for (const endpoint of after) {
    const previous = old.get(endpoint.path);
    old.delete(endpoint.path);
    if (
      !previous ||
      previous.provider !== endpoint.provider ||
      !isDeepStrictEqual(previous.secrets ?? [], endpoint.secrets ?? []) ||
      !isDeepStrictEqual(previous.options ?? {}, endpoint.options ?? {})
    ) {
      changed.add(endpoint.path);
    }
  }
  for (const path of old.keys()) changed.add(path);
  return [...changed];
}
