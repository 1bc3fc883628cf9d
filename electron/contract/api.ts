// The API between the UI and the engine: every call with its input and output schema, every pushed
// event with its payload schema. Electron IPC and the WebSocket bridge are both derived from this
// file, so adding a call here (and its name in names.ts) is the whole protocol change.
import { z } from 'zod';
import {
  DeliveryDetail,
  DeliveryPage,
  DeliveryQuery,
  DeliverySummary,
  StoreStats,
} from './delivery';
import { EndpointInputList, EndpointView } from './endpoint';
import type { CallName, EventName } from './names';
import type { Result } from './result';

export type { CallName, EventName } from './names';
export { CALL_NAMES, EVENT_NAMES, isCallName, isEventName } from './names';

/** Calls that take nothing accept `{}` or no argument at all; anything else is refused. */
const NoInput = z.strictObject({}).default({});

const DeliveryId = z.string().min(1).max(200);

const ListInput = DeliveryQuery.strict().default({ limit: 100 });
const CountInput = DeliveryQuery.omit({ limit: true, beforeSeq: true }).strict().default({});

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** Folder holding the database (Electron: also userData). */
  dataDir: z.string(),
  shell: z.enum(['electron', 'browser']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ReceiverInfo = z.object({
  /** Local URL the receiver listens on, e.g. http://127.0.0.1:8080 */
  url: z.string(),
  port: z.number().int(),
  /** Public URL of the tunnel pointing at the receiver; null while no tunnel is up. */
  publicUrl: z.string().nullable(),
});
export type ReceiverInfo = z.infer<typeof ReceiverInfo>;

interface CallSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const calls = {
  'app:info': { input: NoInput, output: AppInfo },
  /** Newest first; follow `nextBeforeSeq` for older pages. */
  'deliveries:list': { input: ListInput, output: DeliveryPage },
  /** How many deliveries match the filters (no paging). */
  'deliveries:count': { input: CountInput, output: z.object({ count: z.number().int() }) },
  /** One delivery with its bodies (Uint8Array: travels as bytes on both transports). */
  'deliveries:get': { input: z.strictObject({ id: DeliveryId }), output: DeliveryDetail },
  'deliveries:delete': {
    input: z.strictObject({ ids: z.array(DeliveryId).min(1).max(10_000) }),
    output: z.object({ deleted: z.number().int() }),
  },
  'deliveries:clear': { input: NoInput, output: z.null() },
  'deliveries:stats': { input: NoInput, output: StoreStats },
  'receiver:info': { input: NoInput, output: ReceiverInfo },
  'endpoints:list': { input: NoInput, output: z.array(EndpointView) },
  /** Replaces the whole endpoint list; answers the list as stored. */
  'endpoints:set': {
    input: z.strictObject({ endpoints: EndpointInputList }),
    output: z.array(EndpointView),
  },
} satisfies { [C in CallName]: CallSpec };

export const events = {
  'deliveries:captured': z.array(DeliverySummary),
  'deliveries:updated': z.array(DeliverySummary),
  'deliveries:deleted': z.array(z.string()),
  'deliveries:cleared': z.null(),
  'stats:changed': StoreStats,
} satisfies { [E in EventName]: z.ZodType };

type Calls = typeof calls;
type Events = typeof events;

/** What the caller passes (defaults still optional). */
export type CallInput<C extends CallName> = z.input<Calls[C]['input']>;
/** What the handler receives, after validation filled in defaults. */
export type ParsedCallInput<C extends CallName> = z.output<Calls[C]['input']>;
export type CallOutput<C extends CallName> = z.output<Calls[C]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** The argument list of `call`: optional when the call's input has a default. */
export type CallArgs<C extends CallName> =
  undefined extends CallInput<C> ? [input?: CallInput<C>] : [input: CallInput<C>];

/** One pushed event as it crosses a transport. Transports send arrays of these (one per flush). */
export type PushedEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** What the renderer holds: window.hookscope under Electron, createWebSocketApi() in a browser. */
export interface HookscopeApi {
  call<C extends CallName>(name: C, ...input: CallArgs<C>): Promise<Result<CallOutput<C>>>;
  /** Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
}

/** IPC channel names (Electron). One channel for calls, one for event batches. */
export { IPC_CALL_CHANNEL, IPC_EVENTS_CHANNEL } from './names';
