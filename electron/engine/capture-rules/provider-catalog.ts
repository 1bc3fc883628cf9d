import type { ProviderInfo } from '../../contract/capture-rules';
import { allProviders, findProvider, UnknownProviderError } from '../providers/registry';
import type { SubscriptionCapability } from '../providers/types';
import type { EndpointConfig } from '../receiver/types';

/** Every provider an endpoint can name, for the endpoint editor. */
export function providerCatalog(): ProviderInfo[] {
  return allProviders.map((provider) => ({
    id: provider.id,
    name: provider.name,
    events: provider.events.map((event) => event.name),
    canSign: provider.sign !== undefined,
    hasHandshake: provider.handshake !== undefined,
    ...(provider.confirmOnRequest ? { confirmOnRequest: { ...provider.confirmOnRequest } } : {}),
    ...(provider.subscription ? { subscription: subscriptionInfo(provider.subscription) } : {}),
  }));
}

/** What the UI needs to offer a provider's subscription: its account form, or its setup steps. */
function subscriptionInfo(capability: SubscriptionCapability): ProviderInfo['subscription'] {
  if (capability.kind === 'manual') return { kind: 'manual' };
  return {
    kind: 'api',
    accountFields: capability.accountFields.map(({ name, label, kind, optional }) => ({
      name,
      label,
      kind,
      optional: optional === true,
    })),
    eventLabel: capability.eventLabel,
    eventSuggestions: [...capability.eventSuggestions],
  };
}

export class EndpointProviderError extends Error {
  readonly code = 'invalid-input';
  override name = 'EndpointProviderError';
}

/** Refuses an endpoint list naming a provider Hookscope does not know, naming the field. */
export function assertKnownProviders(endpoints: readonly EndpointConfig[]): void {
  endpoints.forEach((endpoint, index) => {
    if (endpoint.provider !== undefined && !findProvider(endpoint.provider)) {
      const reason = new UnknownProviderError(endpoint.provider).message;
      throw new EndpointProviderError(`endpoints[${index}].provider: ${reason}`);
    }
  });
}
