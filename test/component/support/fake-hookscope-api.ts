// An in-memory HookscopeApi for component tests: UI-level test data behind the real contract types.
import type {
  CallArgs,
  CallName,
  CallOutput,
  EventListener,
  EventName,
  EventPayload,
  HookscopeApi,
} from '../../../electron/contract/api';
import type {
  DeliveryDetail,
  DeliveryQuery,
  DeliverySummary,
} from '../../../electron/contract/delivery';
import { fail, ok, type Result } from '../../../electron/contract/result';
import type { InspectorSettings } from '../../../electron/contract/inspector';
import type { ProviderInfo } from '../../../electron/contract/capture-rules';
import type { EndpointView } from '../../../electron/contract/endpoint';
import { diffDeliveries } from '../../../electron/engine/inspect/diff';

export function toSummary(detail: DeliveryDetail): DeliverySummary {
  const {
    remoteAddress: _r,
    httpVersion: _h,
    rawHeaders: _rh,
    body: _b,
    response: _res,
    verdict: _v,
    ...summary
  } = detail;
  return summary;
}

function matches(detail: DeliveryDetail, query: DeliveryQuery): boolean {
  if (query.beforeSeq !== undefined && detail.seq >= query.beforeSeq) return false;
  if (query.method && detail.method !== query.method) return false;
  if (query.since !== undefined && detail.receivedAt < query.since) return false;
  if (query.text) {
    const haystack = `${detail.target}\n${new TextDecoder().decode(detail.body)}`;
    if (!haystack.includes(query.text)) return false;
  }
  return true;
}

export class FakeHookscopeApi implements HookscopeApi {
  readonly deliveries: DeliveryDetail[];
  readonly calls: { name: CallName; input: unknown }[] = [];
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();
  receiverUrl = 'http://127.0.0.1:8080';
  inspectorSettings: InspectorSettings = { savedFilters: [], maskRules: [], usePresets: true };
  /** Handshake windows `handshakes:arm` opened, by endpoint path. */
  readonly armedUntil = new Map<string, number>();
  /** What the Endpoints view lists; `endpoints:set` replaces it. */
  endpoints: EndpointView[] = [];
  providers: ProviderInfo[] = [
    { id: 'github', name: 'GitHub', events: ['push'], canSign: true, hasHandshake: false },
  ];

  constructor(deliveries: DeliveryDetail[] = []) {
    this.deliveries = [...deliveries];
  }

  call<C extends CallName>(name: C, ...args: CallArgs<C>): Promise<Result<CallOutput<C>>> {
    const input = args[0] as Record<string, unknown> | undefined;
    this.calls.push({ name, input });
    return Promise.resolve(this.#answer(name, input ?? {}) as Result<CallOutput<C>>);
  }

  #answer(name: CallName, input: Record<string, unknown>): Result<unknown> {
    switch (name) {
      case 'deliveries:list': {
        const query = input as DeliveryQuery;
        const limit = query.limit ?? 100;
        const newestFirst = [...this.deliveries]
          .sort((a, b) => b.seq - a.seq)
          .filter((d) => matches(d, query));
        const page = newestFirst.slice(0, limit);
        const more = newestFirst.length > limit;
        return ok({
          items: page.map(toSummary),
          nextBeforeSeq: more ? (page.at(-1)?.seq ?? null) : null,
        });
      }
      case 'deliveries:get': {
        const found = this.deliveries.find((d) => d.id === input.id);
        return found ? ok(found) : fail('not-found', `no delivery ${String(input.id)}`);
      }
      case 'deliveries:delete': {
        const ids = new Set(input.ids as string[]);
        const before = this.deliveries.length;
        this.deliveries.splice(
          0,
          this.deliveries.length,
          ...this.deliveries.filter((d) => !ids.has(d.id)),
        );
        return ok({ deleted: before - this.deliveries.length });
      }
      case 'deliveries:clear':
        this.deliveries.length = 0;
        return ok(null);
      case 'deliveries:stats':
        return ok({
          count: this.deliveries.length,
          bytes: this.deliveries.reduce((sum, d) => sum + d.size, 0),
        });
      case 'deliveries:count':
        return ok({ count: this.deliveries.length });
      case 'receiver:info':
        return ok({ url: this.receiverUrl, port: 8080, publicUrl: null });
      // The inspector's diff runs the engine's real diff over the stored test deliveries.
      case 'deliveries:diff': {
        const a = this.deliveries.find((d) => d.id === input.a);
        const b = this.deliveries.find((d) => d.id === input.b);
        if (!a || !b) return fail('not-found', 'no such delivery');
        return ok(
          diffDeliveries(a, b, {
            masks: input.masks as string[] | undefined,
            usePresets: input.usePresets === true,
          }),
        );
      }
      case 'inspector:load':
        return ok(this.inspectorSettings);
      case 'inspector:save':
        this.inspectorSettings = input as unknown as InspectorSettings;
        return ok(this.inspectorSettings);
      case 'endpoints:list':
        return ok(this.endpoints);
      case 'providers:list':
        return ok(this.providers);
      case 'schemas:list':
        return ok([]);
      // No tunnel has ever run: the form starts from its defaults.
      case 'tunnel:status':
        return ok({
          provider: 'none',
          status: { state: 'offline' },
          publicUrl: null,
          settings: null,
          ngrokAuthtokenSaved: false,
        });
      case 'tunnel:history':
        return ok([]);
      case 'handshakes:armed': {
        const endpoint = String(input['endpoint']);
        return ok({ endpoint, armedUntil: this.armedUntil.get(endpoint) ?? null });
      }
      case 'handshakes:arm': {
        const endpoint = String(input['endpoint']);
        const minutes = Number(input['minutes']);
        if (minutes > 0) this.armedUntil.set(endpoint, Date.now() + minutes * 60_000);
        else this.armedUntil.delete(endpoint);
        return ok({ endpoint, armedUntil: this.armedUntil.get(endpoint) ?? null });
      }
      default:
        return fail('unknown-call', name);
    }
  }

  on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Pushes an event as the engine would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? [])
      (listener as EventListener<E>)(payload);
  }

  /** Stores new deliveries and pushes them, like the receiver committing a batch. */
  capture(...details: DeliveryDetail[]): void {
    this.deliveries.push(...details);
    this.emit('deliveries:captured', details.map(toSummary));
  }
}
