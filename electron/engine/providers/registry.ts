import { seedProviders } from './seed-providers';
import { signatureProviders } from './signature-providers';
import type { Provider } from './types';

/** Every provider Hookscope knows, seed systems first (they win detection ties). */
export const allProviders: readonly Provider[] = [...seedProviders, ...signatureProviders];

const byId = new Map(allProviders.map((provider) => [provider.id, provider]));

export class UnknownProviderError extends Error {
  readonly code = 'unknown-provider';
  constructor(id: string) {
    super(`unknown provider "${id}"; known providers: ${[...byId.keys()].join(', ')}`);
  }
}

export function findProvider(id: string): Provider | undefined {
  return byId.get(id);
}

/** Like findProvider, but an unknown id is an error that lists the known ones. */
export function requireProvider(id: string): Provider {
  const provider = byId.get(id);
  if (!provider) throw new UnknownProviderError(id);
  return provider;
}
