import { allProviders, findProvider } from '../providers/registry';
import type { ApiSubscription, ManualSubscription, Provider } from '../providers/types';

/*
 * The providers that declare a subscription capability (providers/<id>/subscription.ts). The
 * subscription service, the CLI and the UI list and pick providers only through these.
 */

export interface ApiSubscriber {
  provider: Provider;
  api: ApiSubscription;
}

export interface ManualSubscriber {
  provider: Provider;
  manual: ManualSubscription;
}

export function apiSubscribers(): ApiSubscriber[] {
  return allProviders.flatMap((provider) =>
    provider.subscription?.kind === 'api' ? [{ provider, api: provider.subscription }] : [],
  );
}

export function manualSubscribers(): ManualSubscriber[] {
  return allProviders.flatMap((provider) =>
    provider.subscription?.kind === 'manual' ? [{ provider, manual: provider.subscription }] : [],
  );
}

/** A provider id the caller gave that has no such capability; the message lists the ones that do. */
export class SubscriptionCapabilityError extends Error {
  override name = 'SubscriptionCapabilityError';
}

export function findApiSubscriber(providerId: string): ApiSubscriber | null {
  const provider = findProvider(providerId);
  return provider?.subscription?.kind === 'api' ? { provider, api: provider.subscription } : null;
}

export function requireApiSubscriber(providerId: string): ApiSubscriber {
  const found = findApiSubscriber(providerId);
  if (found) return found;
  const known = apiSubscribers().map(({ provider }) => provider.id);
  throw new SubscriptionCapabilityError(
    `"${providerId}" has no webhook API Hookscope can subscribe through; providers with one: ${known.join(', ')}.`,
  );
}

export function requireManualSubscriber(providerId: string): ManualSubscriber {
  const provider = findProvider(providerId);
  if (provider?.subscription?.kind === 'manual') return { provider, manual: provider.subscription };
  const known = manualSubscribers().map((item) => item.provider.id);
  throw new SubscriptionCapabilityError(
    `"${providerId}" is not set up by hand; providers that are: ${known.join(', ')}.`,
  );
}

/** The account field kept in the vault (each API capability declares exactly one). */
export function secretFieldOf(api: ApiSubscription) {
  const field = api.accountFields.find((candidate) => candidate.kind === 'secret');
  if (!field) throw new Error('a subscription API declares no secret account field');
  return field;
}
