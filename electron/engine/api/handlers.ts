import { exportChunks } from '../export';
import type { CallName, CallOutput, ParsedCallInput } from '../../contract/api';
import type { EndpointInput, EndpointView } from '../../contract/endpoint';
import type { Engine } from '../engine-types';
import type { EndpointConfig } from '../receiver/types';
import { HOOKSCOPE_VERSION } from '../version';
import { headerNameProblem, headerValueProblem } from '../config-file';
import { issuePath } from '../zod-issues';
import { ApiError } from './api-error';
import { redactVerdictsIn } from './redact-verdict';
import { createSubscriptionHandlers } from './subscription-handlers';
import { createTunnelHandlers } from './tunnel-handlers';
import { createSenderHandlers } from './sender-handlers';
import { createCaptureRuleHandlers } from './capture-rules-handlers';
import { createInspectorHandlers } from './inspector-handlers';
import { createLearningHandlers } from './learning-handlers';
import { createSuiteHandlers } from './suite-handlers';

/** One handler per call; the mapped type makes a missing handler a compile error. */
export type Handlers = {
  [C in CallName]: (input: ParsedCallInput<C>) => Promise<CallOutput<C>>;
};

/** What only the shell knows about itself. */
export interface AppContext {
  /** Defaults to the engine's HOOKSCOPE_VERSION. */
  version?: string;
  shell: 'electron' | 'browser';
}

// SECURITY: secrets stay in the engine; the UI only learns how many an endpoint has.
function toView(endpoint: EndpointConfig): EndpointView {
  const { secrets, ...rest } = endpoint;
  return { ...rest, secretCount: secrets?.length ?? 0 };
}

/** The same header rules as a config file (config-file.ts): a bad one would 500 every request. */
function assertSendableHeaders(inputs: readonly EndpointInput[]): void {
  inputs.forEach((input, index) => {
    for (const [name, value] of Object.entries(input.response?.headers ?? {})) {
      const problem = headerNameProblem(name) ?? headerValueProblem(value);
      if (problem) {
        const where = issuePath(['endpoints', index, 'response', 'headers', name]);
        throw new ApiError('invalid-input', `${where}: ${problem}`);
      }
    }
  });
}

/** Omitted secrets mean "keep what this path already has" (the UI never saw them). */
function mergeSecrets(
  inputs: readonly EndpointInput[],
  current: readonly EndpointConfig[],
): EndpointConfig[] {
  const existing = new Map(current.map((endpoint) => [endpoint.path, endpoint.secrets]));
  return inputs.map((input) => {
    const secrets = input.secrets ?? existing.get(input.path);
    const { secrets: _omit, ...rest } = input;
    return secrets ? { ...rest, secrets: [...secrets] } : rest;
  });
}

/**
 * The engine side of every call in the contract. Inputs arrive already validated (dispatchCall).
 * Each call first waits, without blocking, until the deliveries it may read are rows: after a
 * burst the store's thread catches up while the receiver keeps answering.
 */
export function createApiHandlers(engine: Engine, app: AppContext): Handlers {
  const handlers = createCallHandlers(engine, app);
  const waiting: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<
    [string, (input: unknown) => Promise<unknown>]
  >) {
    waiting[name] = async (input) => {
      await engine.store.whenReadable();
      // SECURITY: the page never receives a full expected signature (redact-verdict.ts).
      return redactVerdictsIn(await handler(input));
    };
  }
  return waiting as Handlers;
}

function createCallHandlers(engine: Engine, app: AppContext): Handlers {
  return {
    'app:info': async () => ({
      name: 'Hookscope',
      version: app.version ?? HOOKSCOPE_VERSION,
      dataDir: engine.dataDir,
      shell: app.shell,
    }),
    'deliveries:list': async (query) => engine.store.list(query),
    'deliveries:count': async (query) => ({ count: engine.store.count(query) }),
    'deliveries:get': async ({ id }) => {
      const delivery = engine.store.get(id);
      if (!delivery) throw new ApiError('not-found', `no delivery with id "${id}"`);
      return delivery;
    },
    'deliveries:delete': async ({ ids }) => ({ deleted: engine.store.delete(ids) }),
    'deliveries:clear': async () => {
      engine.store.clear();
      return null;
    },
    'deliveries:export': async ({ ids, format }) => {
      const missing = ids.filter((id) => engine.store.get(id) === null);
      if (missing.length > 0)
        throw new ApiError('not-found', `no delivery with id ${missing.join(', ')}`);
      const fallbackHost = new URL(engine.receiver.url).host;
      const text = [...exportChunks(engine.store, { format, ids, fallbackHost })].join('');
      const stem = ids.length === 1 ? `hookscope-${ids[0]}` : `hookscope-${ids.length}-deliveries`;
      return format === 'har'
        ? { fileName: `${stem}.har`, mimeType: 'application/json', text }
        : { fileName: `${stem}.jsonl`, mimeType: 'application/x-ndjson', text };
    },
    'deliveries:stats': async () => engine.store.stats(),
    'receiver:info': async () => ({
      url: engine.receiver.url,
      port: engine.receiver.port,
      publicUrl: engine.tunnel.publicUrl(),
    }),
    'endpoints:list': async () => engine.endpoints().map(toView),
    'endpoints:set': async ({ endpoints }) => {
      assertSendableHeaders(endpoints);
      engine.setEndpoints(mergeSecrets(endpoints, engine.endpoints()));
      return engine.endpoints().map(toView);
    },
    ...createTunnelHandlers(engine),
    ...createSenderHandlers(engine),
    ...createCaptureRuleHandlers(engine),
    ...createSubscriptionHandlers(engine),
    ...createInspectorHandlers(engine),
    ...createLearningHandlers(engine),
    ...createSuiteHandlers(engine),
  } satisfies Handlers;
}
