import type { SentRequest } from '../../contract/sender';
import type { Engine } from '../engine-types';
import type { OutgoingRequest } from '../sender/types';
import { framingOf, headersForSending } from '../sender/hop-by-hop';
import { openLastTarget } from '../sender/last-target';
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
  | 'forge:preview'
  | 'replay:preview'
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
/** What sendAndRecord records as sent: Host and the framing header as sendExact sets them. */
function asSent(request: OutgoingRequest): SentRequest {
  return {
    method: request.method,
    url: request.url,
    rawHeaders: headersForSending(
      request.rawHeaders,
      new URL(request.url),
      request.body.length,
      framingOf(request),
    ),
    body: request.body,
  };
}

export function createSenderHandlers(engine: Engine): Pick<Handlers, SenderCalls> {
  const { sender } = engine;
  // The same files the sender's replay default reads: forge and bulk sends are remembered too.
  const targets = openLastTarget(engine.dataDir);
  /** Remembers a target once the send ran (an attempt exists), whatever the target answered. */
  const remembering =
    <T>(url: string) =>
    (value: T): T => {
      targets.set(url);
      return value;
    };
  return {
    'replay:send': (input) => sender.replay(input),
    'replay:attempts': async ({ deliveryId }) => sender.attemptsOf(deliveryId),
    'replay:last-target': async () => ({ url: sender.lastTarget(), recent: targets.recent() }),
    'attempts:get': async ({ id }) => sender.attempt(id),
    'attempts:diff': async ({ attemptId, againstAttemptId, masks }) =>
      sender.diff(attemptId, againstAttemptId, masks),
    'forward:catch-up': ({ endpoint, url }) => sender.catchUp(endpoint, url),
    'forge:templates': async () => sender.templates(),
    'forge:validate': async ({ provider, event, body }) =>
      sender.validateTemplate(provider, event, body),
    'forge:send': (input) => sender.forge(input).then(remembering(input.url)),
    'forge:preview': async (input) => asSent(sender.buildForge(input)),
    'replay:preview': async (input) => asSent(sender.buildReplayRequest(input)),
    'scenarios:list': async () => sender.scenarios.list(),
    'scenarios:save': async (scenario) => sender.saveScenario(scenario),
    'scenarios:delete': async ({ name }) => ({ deleted: sender.scenarios.delete(name) }),
    'scenarios:run': (input) => sender.runScenarios(input),
    'bulk:start': (input) => sender.bulk(input).then(remembering(input.url)),
    'handshake:play': (input) => sender.handshake(input),
  };
}
