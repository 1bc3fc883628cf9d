import { join } from 'node:path';
import { createEndpointBook } from '../engine/capture-rules/endpoint-book';
import type { EndpointConfig } from '../engine/receiver/types';
import { createFileVault } from '../engine/secrets';

/**
 * The endpoints a command run against a data dir knows: those saved from the app (their secrets
 * read from the data dir's 0600 vault), with config-file endpoints of the same path winning, as in
 * `serve`.
 */
export function endpointsFor(
  dataDir: string,
  configured: readonly EndpointConfig[],
): EndpointConfig[] {
  const saved = createEndpointBook(dataDir, createFileVault(join(dataDir, 'secrets.json'))).load();
  const overridden = new Set(configured.map((endpoint) => endpoint.path));
  return [...saved.filter((endpoint) => !overridden.has(endpoint.path)), ...configured];
}
