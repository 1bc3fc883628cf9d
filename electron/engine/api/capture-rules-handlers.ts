import { providerCatalog } from '../capture-rules';
import type { Engine } from '../engine-types';
import { reverifyProgressPusher } from '../events/reverify-progress';
import { ApiError } from './api-error';
import type { Handlers } from './handlers';

type CaptureRuleCalls =
  | 'providers:list'
  | 'deliveries:reverify'
  | 'sns:confirm'
  | 'schemas:import'
  | 'schemas:list'
  | 'schemas:remove'
  | 'handshakes:arm'
  | 'handshakes:armed';

/** Providers, verdict recomputation, SNS confirmation and the user's own schemas. */
export function createCaptureRuleHandlers(engine: Engine): Pick<Handlers, CaptureRuleCalls> {
  const rules = engine.captureRules;
  return {
    'providers:list': async () => providerCatalog(),
    'deliveries:reverify': async ({ ids, endpoint }) => {
      if (ids && endpoint !== undefined) {
        throw new ApiError('invalid-input', 'give either ids or endpoint, not both');
      }
      const scope = ids ? { ids } : endpoint !== undefined ? { endpoint } : { all: true as const };
      // Progress for big stores, pushed while the call runs.
      const onProgress = reverifyProgressPusher(engine.events, endpoint ?? null);
      return { count: await rules.reverify(scope, onProgress) };
    },
    'sns:confirm': async ({ id }) => rules.confirmSns(id),
    'schemas:import': async (input) => rules.importSchemas(input),
    'schemas:list': async ({ endpoint }) => rules.listSchemas(endpoint),
    'schemas:remove': async ({ ids }) => ({ removed: await rules.removeSchemas(ids) }),
    'handshakes:arm': async ({ endpoint, minutes }) => {
      if (!engine.endpoints().some((item) => item.path === endpoint)) {
        throw new ApiError('not-found', `no endpoint ${endpoint}`);
      }
      if (minutes > 0) rules.arm(endpoint, Math.round(minutes * 60_000));
      else rules.disarm(endpoint);
      return { endpoint, armedUntil: rules.armedUntil(endpoint) };
    },
    'handshakes:armed': async ({ endpoint }) => ({
      endpoint,
      armedUntil: rules.armedUntil(endpoint),
    }),
  };
}
