// The bare names of every call and pushed event, with no zod: the sandboxed preload allowlists these
// without bundling the schemas. api.ts checks at compile time that its maps have exactly these keys.

/** Calls the UI makes, `domain:verb`. */
export const CALL_NAMES = [
  'app:info',
  'deliveries:list',
  'deliveries:count',
  'deliveries:get',
  'deliveries:delete',
  'deliveries:clear',
  'deliveries:export',
  'deliveries:stats',
  'receiver:info',
  'endpoints:list',
  'endpoints:set',
  // Inspector (issue 6): diff, facets, timeline, annotations, saved filters and mask rules.
  'deliveries:diff',
  'deliveries:facets',
  'deliveries:histogram',
  'deliveries:annotate',
  'inspector:load',
  'inspector:save',
  // providers, verdicts, user schemas (issue 4)
  'providers:list',
  'deliveries:reverify',
  'sns:confirm',
  'schemas:import',
  'schemas:list',
  'schemas:remove',
  'handshakes:arm',
  'handshakes:armed',
  // tunnel + subscriptions (issues 5, 8)
  'tunnel:start',
  'tunnel:stop',
  'tunnel:status',
  'tunnel:history',
  'accounts:list',
  'accounts:save',
  'accounts:remove',
  'subscriptions:list',
  'subscriptions:create',
  'subscriptions:delete',
  'subscriptions:repoint',
  'subscriptions:settings',
  'subscriptions:manual-setup',
  'subscriptions:wait-first-delivery',
  // replay, forward, forge, bulk, handshake plays (issue 7)
  'replay:send',
  'replay:attempts',
  'replay:last-target',
  'attempts:get',
  'attempts:diff',
  'forward:catch-up',
  'forge:templates',
  'forge:validate',
  'forge:send',
  'forge:preview',
  'replay:preview',
  'scenarios:list',
  'scenarios:save',
  'scenarios:delete',
  'scenarios:run',
  'bulk:start',
  'handshake:play',
  // inferred schemas and drift (issue 16)
  'learning:models',
  'learning:schema',
  'learning:compare',
  'learning:use',
  'learning:settings',
  // replay suites (issue 16)
  'suites:create',
  'suites:list',
  'suites:get',
  'suites:save',
  'suites:delete',
  'suites:import',
  'suites:run',
] as const;

/** Events the engine pushes, past tense, always batched. */
export const EVENT_NAMES = [
  'deliveries:captured',
  'deliveries:updated',
  'deliveries:deleted',
  'deliveries:cleared',
  'stats:changed',
  // tunnel + subscriptions (issues 5, 8)
  'tunnel:changed',
  'tunnel:url-changed',
  'subscriptions:progressed',
  'subscriptions:repointed',
  // replay, forward, bulk (issue 7)
  'attempts:recorded',
  'bulk:progressed',
  // re-verification of stored deliveries (issue 17)
  'deliveries:reverify-progressed',
  // replay suites (issue 16)
  'suites:case-finished',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

const callNameSet: ReadonlySet<string> = new Set(CALL_NAMES);
const eventNameSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && callNameSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNameSet.has(name);
}

/** Electron IPC: `invoke(IPC_CALL_CHANNEL, name, input)` answers a Result. */
export const IPC_CALL_CHANNEL = 'hookscope:call';
/** Electron IPC: main sends `PushedEvent[]` (one array per flush) on this channel. */
export const IPC_EVENTS_CHANNEL = 'hookscope:events';
