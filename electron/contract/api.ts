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
import {
  CaseFinished,
  Suite,
  SuiteCreateInput,
  SuiteReport,
  SuiteRunInput,
  SuiteSummary,
} from './suites';
import {
  LearnedModelRef,
  LearnedModelSummary,
  LearnedSchemaFormat,
  LearningSettings,
  SchemaComparison,
} from './learning';
import {
  AnnotateInput,
  DeliveryDiff,
  DeliveryFacets,
  DeliveryFilter,
  DeliveryHistogram,
  DiffInput,
  HistogramInput,
  InspectorSettings,
} from './inspector';
import {
  HandshakeArmInput,
  HandshakeArmState,
  ProviderInfo,
  ReverifyInput,
  ReverifyProgress,
  SchemaImportInput,
  SnsConfirmResult,
  UserSchemaView,
} from './capture-rules';
import {
  AccountSaveInput,
  AccountView,
  ManualSetupInput,
  ManualSetupView,
  RegisteredSubscriptionView,
  SubscriptionCreateInput,
  SubscriptionDeleteInput,
  SubscriptionStep,
  SubscriptionsList,
  SubscriptionsListInput,
  SubscriptionsRepointed,
  SubscriptionsRepointInput,
  RepointResultView,
  WaitFirstDeliveryInput,
} from './subscriptions';
import { TunnelInfo, TunnelStartInput, TunnelUrlChanged, TunnelUrlRecord } from './tunnel';
import {
  AnswerDiff,
  AttemptDetail,
  AttemptSummary,
  AttemptsDiffInput,
  BulkInput,
  BulkProgress,
  BulkReport,
  CatchUpReport,
  ForgeInput,
  HandshakeInput,
  HandshakeResult,
  LastTarget,
  ProviderTemplates,
  ReplayInput,
  RunScenariosInput,
  Scenario,
  SentRequest,
} from './sender';
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
  /** The same jsonl / HAR 1.2 text `hookscope export` writes, for the given deliveries. */
  'deliveries:export': {
    input: z.strictObject({
      ids: z.array(DeliveryId).min(1).max(10_000),
      format: z.enum(['jsonl', 'har']),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
  },
  'deliveries:stats': { input: NoInput, output: StoreStats },
  'receiver:info': { input: NoInput, output: ReceiverInfo },
  'endpoints:list': { input: NoInput, output: z.array(EndpointView) },
  /** Replaces the whole endpoint list; answers the list as stored. */
  'endpoints:set': {
    input: z.strictObject({ endpoints: EndpointInputList }),
    output: z.array(EndpointView),
  },
  // Inspector (issue 6).
  /** Headers, query and body of two deliveries, computed in the engine (bodies can be 10 MiB). */
  'deliveries:diff': { input: DiffInput, output: DeliveryDiff },
  /** Distinct values with counts among the deliveries matching the filter (for filter menus). */
  'deliveries:facets': { input: DeliveryFilter.strict().default({}), output: DeliveryFacets },
  /** Matching deliveries over time, per verdict, and counts per event (the timeline). */
  'deliveries:histogram': { input: HistogramInput, output: DeliveryHistogram },
  /** Pin, label or note a delivery; answers its summary (also pushed as deliveries:updated). */
  'deliveries:annotate': { input: AnnotateInput, output: DeliverySummary },
  'inspector:load': { input: NoInput, output: InspectorSettings },
  /** Replaces the saved filters and mask rules; answers them as stored. */
  'inspector:save': { input: InspectorSettings, output: InspectorSettings },
  // Providers, verdicts and user schemas (issue 4).
  'providers:list': { input: NoInput, output: z.array(ProviderInfo) },
  /** Recomputes provider, event and verdict: the given ids, an endpoint's deliveries, or all. */
  /** Progress pushed as `deliveries:reverify-progressed` while it runs. */
  'deliveries:reverify': { input: ReverifyInput, output: z.object({ count: z.number().int() }) },
  /** Visits an SNS SubscriptionConfirmation's SubscribeURL: only ever on the user's request. */
  'sns:confirm': { input: z.strictObject({ id: DeliveryId }), output: SnsConfirmResult },
  /** A JSON Schema for an endpoint's event, or the `webhooks` of an OpenAPI 3.1 document. */
  'schemas:import': { input: SchemaImportInput, output: z.array(UserSchemaView) },
  'schemas:list': {
    input: z.strictObject({ endpoint: z.string().optional() }).default({}),
    output: z.array(UserSchemaView),
  },
  'schemas:remove': {
    input: z.strictObject({ ids: z.array(z.string().min(1)).min(1).max(1000) }),
    output: z.object({ removed: z.number().int() }),
  },
  /** Opens or closes an endpoint's handshake window (issue 13); answers the window's end. */
  'handshakes:arm': { input: HandshakeArmInput, output: HandshakeArmState },
  'handshakes:armed': {
    input: z.strictObject({ endpoint: z.string().startsWith('/') }),
    output: HandshakeArmState,
  },
  // Tunnel (issue 5): only the receiver is ever tunnelled, never the UI port.
  'tunnel:start': { input: TunnelStartInput, output: TunnelInfo },
  'tunnel:stop': { input: NoInput, output: TunnelInfo },
  'tunnel:status': { input: NoInput, output: TunnelInfo },
  /** Every public URL so far, oldest first (kept across restarts). */
  'tunnel:history': { input: NoInput, output: z.array(TunnelUrlRecord) },
  // Subscriptions (issue 8). Secrets are write-only.
  'accounts:list': { input: NoInput, output: z.array(AccountView) },
  'accounts:save': { input: AccountSaveInput, output: AccountView },
  'accounts:remove': {
    input: z.strictObject({ id: z.string().min(1).max(500) }),
    output: z.object({ removed: z.boolean() }),
  },
  'subscriptions:list': { input: SubscriptionsListInput, output: SubscriptionsList },
  /** Preservica: runs the subscribe flow, pushing each step as `subscriptions:progressed`. */
  'subscriptions:create': { input: SubscriptionCreateInput, output: RegisteredSubscriptionView },
  'subscriptions:delete': {
    input: SubscriptionDeleteInput,
    output: z.object({ removed: z.boolean() }),
  },
  'subscriptions:repoint': { input: SubscriptionsRepointInput, output: z.array(RepointResultView) },
  /** Reads, and with `autoRepoint` given also changes, the subscription settings. */
  'subscriptions:settings': {
    input: z.strictObject({ autoRepoint: z.boolean().optional() }).default({}),
    output: z.object({ autoRepoint: z.boolean() }),
  },
  'subscriptions:manual-setup': { input: ManualSetupInput, output: ManualSetupView },
  /** Resolves with the first delivery on the path from now on, or null after the timeout. */
  'subscriptions:wait-first-delivery': {
    input: WaitFirstDeliveryInput,
    output: z.object({ deliveryId: z.string().nullable() }),
  },
  // Replay, forward, forge, scenarios, bulk, handshake plays (issue 7). Sends to Hookscope's own
  // URLs fail with `confirm-loop` unless `confirmLoop: true`.
  /** Sends a captured delivery again (exact bytes unless edited); answers the recorded attempt. */
  'replay:send': { input: ReplayInput, output: AttemptDetail },
  /** Every replay/forward attempt of a delivery, oldest first. */
  'replay:attempts': {
    input: z.strictObject({ deliveryId: DeliveryId }),
    output: z.array(AttemptSummary),
  },
  'replay:last-target': { input: NoInput, output: LastTarget },
  'attempts:get': { input: z.strictObject({ id: z.string().min(1) }), output: AttemptDetail },
  /** An attempt's answer against the original delivery's answer (or another attempt's). */
  'attempts:diff': { input: AttemptsDiffInput, output: AnswerDiff },
  /** Re-sends what a forward target missed (never got a 2xx), oldest first. */
  'forward:catch-up': {
    input: z.strictObject({ endpoint: z.string().min(1), url: z.string().min(1) }),
    output: CatchUpReport,
  },
  'forge:templates': { input: NoInput, output: z.array(ProviderTemplates) },
  /** Live validation of the forge editor's text against the event's schema. */
  'forge:validate': {
    input: z.strictObject({
      provider: z.string().min(1),
      event: z.string().min(1),
      body: z.string().max(10 * 1024 * 1024),
    }),
    output: z.object({
      parseError: z.string().nullable(),
      schema: z.enum(['valid', 'invalid', 'no-schema']),
      errors: z.array(z.object({ pointer: z.string(), message: z.string() })),
    }),
  },
  'forge:send': { input: ForgeInput, output: AttemptDetail },
  /** The exact request forge:send would send (signed, Host and framing headers set), not sent. */
  'forge:preview': { input: ForgeInput, output: SentRequest },
  /** The exact request a replay would send (edits and re-signing applied), without sending it. */
  'replay:preview': { input: ReplayInput, output: SentRequest },
  'scenarios:list': { input: NoInput, output: z.array(Scenario) },
  /** Saves (or replaces by name) a scenario; secrets and signature headers are never saved. */
  'scenarios:save': { input: Scenario, output: Scenario },
  'scenarios:delete': {
    input: z.strictObject({ name: z.string().min(1) }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** Sends the named scenarios one after the other. */
  'scenarios:run': { input: RunScenariosInput, output: z.array(AttemptDetail) },
  /** Runs to the end (progress as `bulk:progressed` with the same runId), then the report. */
  'bulk:start': { input: BulkInput, output: BulkReport },
  'handshake:play': { input: HandshakeInput, output: HandshakeResult },
  /** Models learned from traffic, per endpoint and event (issue 16). */
  'learning:models': {
    input: z.strictObject({ endpoint: z.string().max(2_000).optional() }).default({}),
    output: z.array(LearnedModelSummary),
  },
  /** A learned model as JSON Schema 2020-12, or the endpoint's models as OpenAPI 3.1. */
  'learning:schema': {
    input: LearnedModelRef.extend({ format: LearnedSchemaFormat }),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  /** Pointers where the endpoint's (or the provider's) schema and the traffic disagree. */
  'learning:compare': { input: LearnedModelRef, output: SchemaComparison },
  /** The learned schema becomes the endpoint's schema for the event. */
  'learning:use': { input: LearnedModelRef, output: z.object({ schemaName: z.string() }) },
  /** Reads (empty input) or sets after how many deliveries a model is settled. */
  'learning:settings': {
    input: LearningSettings.partial().strict().default({}),
    output: LearningSettings,
  },
  /** A suite from stored deliveries, and its file text (nothing saved). */
  'suites:create': {
    input: SuiteCreateInput,
    output: z.object({ suite: Suite, fileName: z.string(), text: z.string() }),
  },
  'suites:list': { input: NoInput, output: z.array(SuiteSummary) },
  'suites:get': {
    input: z.strictObject({ id: z.string().min(1) }),
    output: z.object({ id: z.string(), suite: Suite }),
  },
  /** Saves a new suite, or replaces the one with this id. */
  'suites:save': {
    input: z.strictObject({ id: z.string().min(1).optional(), suite: Suite }),
    output: z.object({ id: z.string() }),
  },
  'suites:delete': { input: z.strictObject({ id: z.string().min(1) }), output: z.null() },
  /** Saves a suite file's text (validated; errors name the JSON pointer). */
  'suites:import': {
    input: z.strictObject({ text: z.string().min(1).max(64 * 1024 * 1024) }),
    output: z.object({ id: z.string() }),
  },
  /** Runs to the end (each case pushed as `suites:case-finished`), then the report. */
  'suites:run': { input: SuiteRunInput, output: SuiteReport },
} satisfies { [C in CallName]: CallSpec };

export const events = {
  'deliveries:captured': z.array(DeliverySummary),
  'deliveries:updated': z.array(DeliverySummary),
  'deliveries:deleted': z.array(z.string()),
  'deliveries:cleared': z.null(),
  'stats:changed': StoreStats,
  'tunnel:changed': TunnelInfo,
  'tunnel:url-changed': TunnelUrlChanged,
  'subscriptions:progressed': SubscriptionStep,
  'subscriptions:repointed': SubscriptionsRepointed,
  'attempts:recorded': z.array(AttemptSummary),
  'bulk:progressed': BulkProgress,
  'deliveries:reverify-progressed': ReverifyProgress,
  'suites:case-finished': CaseFinished,
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
