import type { z } from 'zod';
import type {
  AnswerDiff,
  AttemptDetail,
  AttemptSummary,
  BulkInput,
  BulkProgress,
  BulkReport,
  CatchUpReport,
  ForgeInput,
  HandshakeInput,
  HandshakeResult,
  ProviderTemplates,
  ReplayInput,
  RunScenariosInput,
  Scenario,
} from '../../contract/sender';
import type { SchemaError } from '../../contract/verdict';
import type { Delivery } from '../delivery';
import { diffMessages } from '../inspect/diff';
import { checkSchema } from '../inspect/schema-check';
import { allProviders, findProvider } from '../providers/registry';
import type { EventDefinition, Provider } from '../providers/types';
import type { EndpointConfig } from '../receiver/types';
import type { DeliveryStore } from '../store/types';
import type { AttemptsStore, NewAttempt } from './attempts-store';
import { runBulk } from './bulk';
import { forgeEvent, parseExactJson, resolveEvent } from './forge';
import type { Forwarder } from './forwarder';
import { findHandshakePlay, handshakePlays } from './handshake-plays';
import { playHandshake } from './handshake-player';
import { overrideHeaders } from './header-overrides';
import { framingOf, headersForSending } from './hop-by-hop';
import { openLastTarget, type LastTarget } from './last-target';
import { guardAgainstLoop, type OwnUrls } from './loop-guard';
import { providerBudgetMs } from './provider-budgets';
import { buildReplay, type Resigning } from './replay';
import { openScenariosStore, type ScenariosStore } from './scenarios-store';
import { SenderError } from './sender-error';
import { sendExact } from './send-exact';
import type { OutgoingRequest } from './types';

type Parsed<T extends z.ZodType> = z.output<T>;

export type SenderEvent =
  | { event: 'attempts:recorded'; payload: AttemptSummary[] }
  | { event: 'bulk:progressed'; payload: BulkProgress };

export interface SenderServiceOptions {
  dataDir: string;
  store: DeliveryStore;
  attempts: AttemptsStore;
  endpoints: () => readonly EndpointConfig[];
  /** Hookscope's own URLs (loop guard); null when unknown (the CLI without a running engine). */
  ownUrls: () => OwnUrls | null;
  forwarder?: Forwarder;
  timeoutMs?: number;
}

export interface TemplateValidation {
  /** The text is not JSON: where and why. */
  parseError: string | null;
  schema: 'valid' | 'invalid' | 'no-schema';
  errors: SchemaError[];
}

/**
 * Replay, forge, scenarios, bulk and handshake plays, for the UI and the CLI. Every single send is
 * recorded as an attempt; sends to Hookscope's own URLs need `confirmLoop`.
 */
export interface SenderService {
  replay(input: Parsed<typeof ReplayInput>): Promise<AttemptDetail>;
  /** Builds (and re-signs when asked) the replayed request without sending it. */
  buildReplayRequest(input: Parsed<typeof ReplayInput>): OutgoingRequest;
  lastTarget(): string | null;
  forge(input: Parsed<typeof ForgeInput>): Promise<AttemptDetail>;
  /** Builds (and signs) the forged request without sending it. */
  buildForge(input: Parsed<typeof ForgeInput>): OutgoingRequest;
  validateTemplate(provider: string, event: string, text: string): TemplateValidation;
  templates(): ProviderTemplates[];
  readonly scenarios: ScenariosStore;
  saveScenario(scenario: Scenario): Scenario;
  runScenarios(input: Parsed<typeof RunScenariosInput>): Promise<AttemptDetail[]>;
  bulk(input: Parsed<typeof BulkInput>): Promise<BulkReport>;
  handshake(input: Parsed<typeof HandshakeInput>): Promise<HandshakeResult>;
  attemptsOf(deliveryId: string): AttemptSummary[];
  attempt(id: string): AttemptDetail;
  /** An attempt's answer against another attempt's, or against the original delivery's answer. */
  diff(attemptId: string, againstAttemptId?: string, masks?: readonly string[]): AnswerDiff;
  catchUp(endpoint: string, url: string): Promise<CatchUpReport>;
  onEvent(listener: (event: SenderEvent) => void): () => void;
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * A schema as the templates list carries it. Catalogue schemas (GitHub's) are a `$ref` into one
 * shared `components` document of ~610 KB: repeated for each of 258 events it made this answer
 * ~160 MB of JSON. Templates are validated in the engine (validateTemplate), so the list omits it.
 */
function listedSchema(schema: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!schema) return null;
  if (!('components' in schema)) return schema;
  const { components: _shared, ...own } = schema;
  return own;
}

export function createSenderService(options: SenderServiceOptions): SenderService {
  const { store, attempts } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const lastTarget: LastTarget = openLastTarget(options.dataDir);
  const scenarios = openScenariosStore(options.dataDir);
  const listeners = new Set<(event: SenderEvent) => void>();

  const emit = (event: SenderEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('sender event listener failed:', error);
      }
    }
  };
  attempts.onRecorded((summary) => emit({ event: 'attempts:recorded', payload: [summary] }));

  const guard = (url: string, confirmLoop: boolean | undefined) => {
    const own = options.ownUrls();
    if (own) guardAgainstLoop(url, own, confirmLoop);
  };

  const endpointOf = (path: string | null | undefined) =>
    path ? options.endpoints().find((endpoint) => endpoint.path === path) : undefined;

  const deliveryOf = (id: string): Delivery => {
    const delivery = store.get(id);
    if (!delivery) throw new SenderError('not-found', `no delivery with id "${id}"`);
    return delivery;
  };

  const providerOf = (id: string): Provider => {
    const provider = findProvider(id);
    if (!provider) {
      throw new SenderError(
        'invalid-input',
        `unknown provider "${id}"; known providers: ${allProviders.map((p) => p.id).join(', ')}`,
      );
    }
    return provider;
  };

  /** The endpoint's secret (the first one: the newest when secrets are being rolled). */
  const endpointSecret = (path: string): string => {
    const endpoint = endpointOf(path);
    if (!endpoint) throw new SenderError('invalid-input', `no endpoint with path "${path}"`);
    const secret = endpoint.secrets?.[0];
    if (!secret)
      throw new SenderError('invalid-input', `endpoint ${path} has no secret to sign with`);
    return secret;
  };

  async function sendAndRecord(
    request: OutgoingRequest,
    meta: Omit<NewAttempt, 'request' | 'outcome' | 'startedAt'>,
  ): Promise<AttemptDetail> {
    const startedAt = Date.now();
    const outcome = await sendExact(request, { timeoutMs });
    let sent = request;
    try {
      // Record what went on the wire: Host and the framing header as sendExact fixed them.
      sent = {
        ...request,
        rawHeaders: headersForSending(
          request.rawHeaders,
          new URL(request.url),
          request.body.length,
          framingOf(request),
        ),
      };
    } catch {
      // An invalid URL: the outcome already says so; record the request as given.
    }
    return attempts.record({ ...meta, startedAt, request: sent, outcome });
  }

  function resigning(
    delivery: Delivery,
    resign: { provider?: string; secret?: string },
  ): Resigning {
    const endpoint = endpointOf(delivery.endpoint);
    const providerId = resign.provider ?? endpoint?.provider ?? delivery.provider;
    if (!providerId) {
      throw new SenderError(
        'invalid-input',
        'cannot re-sign: the delivery has no provider; choose one',
      );
    }
    const provider = providerOf(providerId);
    if (!provider.sign) {
      throw new SenderError('invalid-input', `provider "${provider.id}" does not sign requests`);
    }
    const secret = resign.secret ?? endpoint?.secrets?.[0];
    if (!secret) {
      throw new SenderError(
        'invalid-input',
        `cannot re-sign: ${endpoint ? `endpoint ${endpoint.path} has no secret` : 'the delivery has no endpoint with a secret'}; pass one`,
      );
    }
    return { provider, secret };
  }

  /**
   * The editor's text as a template: a JSON document whose {{variables}} forgeEvent expands, with
   * integers beyond 2^53 (Shopify's ids) kept exact through parseExactJson. Events whose template
   * is not JSON (Twilio's form bodies) stay text.
   */
  function templateText(definition: EventDefinition, text: string): unknown {
    if (typeof definition.template === 'string' && !isJsonText(definition.template)) return text;
    try {
      JSON.parse(text);
    } catch (error) {
      throw new SenderError(
        'invalid-input',
        `the body is not valid JSON: ${(error as Error).message}`,
      );
    }
    return parseExactJson(text);
  }

  function isJsonText(text: string): boolean {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }

  /** The event a name or alias stands for; the error lists every valid spelling. */
  function eventOf(provider: Provider, name: string): EventDefinition {
    try {
      return resolveEvent(provider, name);
    } catch (error) {
      throw new SenderError('invalid-input', (error as Error).message);
    }
  }

  function buildForge(input: Parsed<typeof ForgeInput>): OutgoingRequest {
    const provider = providerOf(input.provider);
    const definition = eventOf(provider, input.event);
    const secret =
      input.secret ??
      (input.secretFromEndpoint ? endpointSecret(input.secretFromEndpoint) : undefined);
    if (secret && !provider.sign) {
      throw new SenderError('invalid-input', `provider "${provider.id}" does not sign requests`);
    }
    try {
      const request = forgeEvent({
        provider,
        event: input.event,
        url: input.url,
        template: input.body === undefined ? undefined : templateText(definition, input.body),
        sets: input.sets,
        extraHeaders: input.rawHeaders,
        secret,
        ...(input.bodyEncoding === undefined
          ? {}
          : { signOptions: { bodyEncoding: input.bodyEncoding } }),
      });
      // Headers edited in the forge's headers panel win over the provider's, signature included.
      const edited = input.headerOverrides?.length
        ? { ...request, rawHeaders: overrideHeaders(request.rawHeaders, input.headerOverrides) }
        : request;
      return input.framing ? { ...edited, framing: input.framing } : edited;
    } catch (error) {
      if (error instanceof SenderError) throw error;
      // A bad --set pointer or value: the user's input, said plainly.
      throw new SenderError('invalid-input', (error as Error).message);
    }
  }

  async function forge(input: Parsed<typeof ForgeInput>, label: string | null = null) {
    guard(input.url, input.confirmLoop);
    const request = buildForge(input);
    return sendAndRecord(request, {
      kind: 'forge',
      deliveryId: null,
      label: label ?? `${input.provider} ${input.event}`,
    });
  }

  /** The request a replay sends, edits and re-signing applied: what replay sends and preview shows. */
  function replayRequest(input: Parsed<typeof ReplayInput>) {
    const delivery = deliveryOf(input.deliveryId);
    const url = input.url ?? lastTarget.get();
    if (!url)
      throw new SenderError(
        'invalid-input',
        'no target URL: pass one (there is no last target yet)',
      );
    const resign = input.resign ? resigning(delivery, input.resign) : undefined;
    const request = buildReplay(
      delivery,
      {
        url,
        method: input.method,
        rawHeaders: input.rawHeaders,
        body: input.body,
        framing: input.framing,
      },
      resign,
    );
    return { delivery, request, resign };
  }

  const attemptOf = (id: string): AttemptDetail => {
    const detail = attempts.get(id);
    if (!detail) throw new SenderError('not-found', `no attempt with id "${id}"`);
    return detail;
  };

  return {
    scenarios,

    async replay(input) {
      const { delivery, request, resign } = replayRequest(input);
      guard(request.url, input.confirmLoop);
      lastTarget.set(request.url);
      return sendAndRecord(request, {
        kind: 'replay',
        deliveryId: delivery.id,
        label: resign ? `re-signed (${resign.provider.id})` : null,
      });
    },

    buildReplayRequest: (input) => replayRequest(input).request,

    lastTarget: () => lastTarget.get(),

    forge: (input) => forge(input),
    buildForge,

    validateTemplate(providerId, eventName, text) {
      const provider = providerOf(providerId);
      const event = eventOf(provider, eventName);
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        return { parseError: (error as Error).message, schema: 'no-schema', errors: [] };
      }
      // Validate what would be sent: variables expanded (a "{{now_unix}}" becomes a number).
      const forged = forgeEvent({
        provider,
        event: eventName,
        url: 'http://validation.invalid/',
        template: document,
      });
      const check = checkSchema(
        event.schema ?? null,
        JSON.parse(new TextDecoder().decode(forged.body)),
      );
      return { parseError: null, schema: check.status, errors: check.errors };
    },

    templates() {
      return allProviders.map((provider) => {
        const play = findHandshakePlay(provider.id);
        return {
          provider: provider.id,
          name: provider.name,
          canSign: provider.sign !== undefined,
          handshake: play !== undefined,
          handshakeNeedsSecret: play?.needsSecret ?? false,
          budgetMs: providerBudgetMs(provider.id),
          events: provider.events.map((event) => ({
            name: event.name,
            description: event.description,
            template: event.template,
            schema: listedSchema(event.schema),
          })),
        };
      });
    },

    saveScenario(scenario) {
      const provider = providerOf(scenario.provider);
      const definition = eventOf(provider, scenario.event);
      if (scenario.body !== undefined) templateText(definition, scenario.body);
      return scenarios.save(scenario);
    },

    async runScenarios(input) {
      const chosen = input.names.map((name) => {
        const scenario = scenarios.get(name);
        if (!scenario) throw new SenderError('not-found', `no scenario named "${name}"`);
        const url = input.url ?? scenario.url;
        if (!url) throw new SenderError('invalid-input', `scenario "${name}" has no URL: pass one`);
        guard(url, input.confirmLoop);
        return { scenario, url };
      });
      // A sequence: one after the other, in the order given, like the provider would send them.
      const results: AttemptDetail[] = [];
      for (const { scenario, url } of chosen) {
        const signs = scenario.sign ?? scenario.secretFromEndpoint !== undefined;
        results.push(
          await forge(
            {
              provider: scenario.provider,
              event: scenario.event,
              url,
              body: scenario.body,
              sets: scenario.sets,
              rawHeaders: scenario.rawHeaders,
              secret: signs ? input.secret : undefined,
              secretFromEndpoint: signs && !input.secret ? scenario.secretFromEndpoint : undefined,
              confirmLoop: true,
            },
            scenario.name,
          ),
        );
      }
      return results;
    },

    async bulk(input) {
      guard(input.url, input.confirmLoop);
      let build: (index: number) => OutgoingRequest;
      let provider: string | null;
      if ('deliveryId' in input.source) {
        const delivery = deliveryOf(input.source.deliveryId);
        provider = delivery.provider;
        const request = buildReplay(delivery, { url: input.url });
        build = () => request;
      } else {
        const source = input.source;
        provider = source.provider;
        // Built once to surface mistakes before anything is sent; then fresh per copy (new ids, signatures).
        const forgeInput = {
          provider: source.provider,
          event: source.event,
          url: input.url,
          body: source.body,
          secret: source.secret,
        };
        buildForge(forgeInput);
        build = () => buildForge(forgeInput);
      }
      let lastPush = 0;
      const report = await runBulk({
        count: input.count,
        concurrency: input.concurrency,
        build,
        budgetMs: input.budgetMs ?? providerBudgetMs(provider) ?? undefined,
        timeoutMs,
        onProgress(done, total) {
          const now = performance.now();
          if (done < total && now - lastPush < PROGRESS_INTERVAL_MS) return;
          lastPush = now;
          emit({ event: 'bulk:progressed', payload: { runId: input.runId, done, total } });
        },
      });
      return {
        ...report,
        runId: input.runId,
        histogram: report.histogram.map((bucket) => ({
          upToMs: Number.isFinite(bucket.upToMs) ? bucket.upToMs : null,
          count: bucket.count,
        })),
      };
    },

    async handshake(input) {
      guard(input.url, input.confirmLoop);
      const play = findHandshakePlay(input.provider);
      if (!play) {
        throw new SenderError(
          'invalid-input',
          `no handshake to play for provider "${input.provider}"; known: ${handshakePlays.map((p) => p.provider).join(', ')}`,
        );
      }
      if (play.needsSecret && !input.secret) {
        throw new SenderError(
          'invalid-input',
          `the ${input.provider} handshake needs the shared secret`,
        );
      }
      const startedAt = Date.now();
      const report = await playHandshake(input.provider, input.url, input.secret, timeoutMs);
      const attempt = attempts.record({
        kind: 'handshake',
        deliveryId: null,
        label: `${input.provider} handshake: ${report.pass ? 'pass' : 'fail'}`,
        startedAt,
        request: report.sent,
        outcome: report.answer
          ? { ok: true, answer: report.answer }
          : {
              ok: false,
              code: 'no-answer',
              message: report.reason,
              timing: { totalMs: report.totalMs },
            },
      });
      return {
        provider: report.provider,
        pass: report.pass,
        reason: report.reason,
        status: report.answer?.status ?? null,
        totalMs: report.totalMs,
        attemptId: attempt.id,
      };
    },

    attemptsOf(deliveryId) {
      return attempts.listByDelivery(deliveryId);
    },

    attempt: attemptOf,

    diff(attemptId, againstAttemptId, masks) {
      const attempt = attemptOf(attemptId);
      if (!attempt.answer)
        throw new SenderError('invalid-input', `attempt ${attemptId} got no answer to compare`);
      let against: { rawHeaders: AttemptDetail['request']['rawHeaders']; body: Uint8Array };
      if (againstAttemptId) {
        const other = attemptOf(againstAttemptId);
        if (!other.answer)
          throw new SenderError(
            'invalid-input',
            `attempt ${againstAttemptId} got no answer to compare`,
          );
        against = other.answer;
      } else {
        if (!attempt.deliveryId)
          throw new SenderError('invalid-input', `attempt ${attemptId} has no original delivery`);
        const original = deliveryOf(attempt.deliveryId);
        if (!original.response)
          throw new SenderError('invalid-input', 'the original delivery has no recorded answer');
        against = original.response;
      }
      return diffMessages(against, attempt.answer, { masks }) as AnswerDiff;
    },

    async catchUp(endpoint, url) {
      if (!options.forwarder) throw new SenderError('invalid-input', 'forwarding is not running');
      return options.forwarder.catchUp(endpoint, url);
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
