import { detectProvider, type ProviderMatch } from '../inspect/compute-verdict';
import { allProviders, findProvider } from '../providers/registry';
import type { DeliveryInput } from '../providers/types';

/**
 * The provider a delivery belongs to: the endpoint's configured one (its detector still names the
 * event), else the most confident detector among every known provider.
 */
export function matchProvider(input: DeliveryInput, providerId?: string): ProviderMatch | null {
  if (providerId === undefined) return detectProvider(input, allProviders);
  // Config and `endpoints:set` reject unknown ids; a stale id simply means "no provider".
  const provider = findProvider(providerId);
  if (!provider) return null;
  let event: string | null = null;
  try {
    event = provider.detect(input)?.event ?? null;
  } catch {
    // A detector bug only costs the event name; the signature is still checked.
  }
  return { provider, event, confidence: 1 };
}
