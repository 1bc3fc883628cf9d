import type { Engine } from '../engine-types';
import type { Handlers } from './handlers';

type SenderCalls =
  | 'replay:send'
  | 'replay:attempts'
  | 'replay:last-target'
  | 'attempts:get'
  | 'attempts:diff'
  | 'forward:catch-up'
  | 'forge:templates'
  | 'forge:validate'
  | 'forge:send'
  | 'scenarios:list'
  | 'scenarios:save'
  | 'scenarios:delete'
  | 'scenarios:run'
  | 'bulk:start'
  | 'handshake:play';

/**
 * Replay, forward, forge, scenarios, bulk and handshake plays: the engine's sender service. Its
 * errors carry contract codes (invalid-input, not-found, confirm-loop) across the bridge.
 */
export function createSenderHandlers(engine: Engine): Pick<Handlers, SenderCalls> {
  const { sender } = engine;
  return {
    'replay:send': (input) => sender.replay(input),
    'replay:attempts': async ({ deliveryId }) => sender.attemptsOf(deliveryId),
    'replay:last-target': async () => ({ url: sender.lastTarget() }),
    'attempts:get': async ({ id }) => sender.attempt(id),
    'attempts:diff': async ({ attemptId, againstAttemptId, masks }) =>
      sender.diff(attemptId, againstAttemptId, masks),
    'forward:catch-up': ({ endpoint, url }) => sender.catchUp(endpoint, url),
    'forge:templates': async () => sender.templates(),
    'forge:validate': async ({ provider, event, body }) =>
      sender.validateTemplate(provider, event, body),
    'forge:send': (input) => sender.forge(input),
    'scenarios:list': async () => sender.scenarios.list(),
    'scenarios:save': async (scenario) => sender.saveScenario(scenario),
    'scenarios:delete': async ({ name }) => ({ deleted: sender.scenarios.delete(name) }),
    'scenarios:run': (input) => sender.runScenarios(input),
    'bulk:start': (input) => sender.bulk(input),
    'handshake:play': (input) => sender.handshake(input),
  };
}
