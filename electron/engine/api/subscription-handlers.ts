import type { Engine } from '../engine-types';
import type { Handlers } from './handlers';

type SubscriptionCalls =
  | 'accounts:list'
  | 'accounts:save'
  | 'accounts:remove'
  | 'subscriptions:list'
  | 'subscriptions:create'
  | 'subscriptions:delete'
  | 'subscriptions:repoint'
  | 'subscriptions:settings'
  | 'subscriptions:manual-setup'
  | 'subscriptions:wait-first-delivery';

/** accounts:* and subscriptions:* calls. Errors carry contract codes (SubscriptionServiceError). */
export function createSubscriptionHandlers(engine: Engine): Pick<Handlers, SubscriptionCalls> {
  const service = engine.subscriptions;
  return {
    'accounts:list': async () => service.accounts.list(),
    'accounts:save': async (input) => service.accounts.save(input),
    'accounts:remove': async ({ id }) => ({ removed: service.accounts.remove(id) }),
    'subscriptions:list': async ({ accountId }) => service.list(accountId),
    'subscriptions:create': async (input) => service.create(input),
    'subscriptions:delete': async (target) => ({ removed: await service.remove(target) }),
    'subscriptions:repoint': async ({ from, to }) => service.repoint(from, to),
    'subscriptions:settings': async ({ autoRepoint }) =>
      autoRepoint === undefined ? service.settings.get() : service.settings.set({ autoRepoint }),
    'subscriptions:manual-setup': async (input) => service.manualSetup(input),
    'subscriptions:wait-first-delivery': async ({ endpointPath, timeoutMs }) => ({
      deliveryId: await service.waitForFirstDelivery(endpointPath, timeoutMs),
    }),
  };
}
