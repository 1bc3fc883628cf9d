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
  'deliveries:stats',
  'receiver:info',
  'endpoints:list',
  'endpoints:set',
] as const;

/** Events the engine pushes, past tense, always batched. */
export const EVENT_NAMES = [
  'deliveries:captured',
  'deliveries:updated',
  'deliveries:deleted',
  'deliveries:cleared',
  'stats:changed',
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
