import { join } from 'node:path';
import type {
  SchemaImportInput,
  SnsConfirmResult,
  UserSchemaView,
} from '../../contract/capture-rules';
import type { DeliveryVia } from '../../contract/delivery';
import type { Delivery } from '../delivery';
import type { EndpointConfig, Responder } from '../receiver/types';
import { createFileVault, type SecretVault } from '../secrets';
import type { DeliveryStore, DerivedFacts } from '../store/types';
import { createCaptureResponder, type HandshakeNotice } from './capture-responder';
import { deriveFacts } from './derive-facts';
import type { DeriveSnapshot } from './derive-snapshot';
import { createEndpointBook } from './endpoint-book';
import { digestSet } from './handshake-forgery';
import { createHandshakeGuard, DEFAULT_ARM_MS } from './handshake-guard';
import { changedEndpointPaths } from './endpoint-changes';
import { assertKnownProviders } from './provider-catalog';
import { matchEndpoint, requestPath } from '../receiver/endpoint-match';
import { reverifyDeliveries, type ReverifyProgress, type ReverifyScope } from './reverify';
import { readSchemaDocument } from './schema-document';
import { confirmSnsSubscription, SnsConfirmError, type SnsGet } from './sns-confirm';
import { createUserSchemaBook } from './user-schemas';

export interface CaptureRulesOptions {
  dataDir: string;
  store: DeliveryStore;
  /** Where endpoint secrets live; default `<dataDir>/secrets.json` (0600). Electron: safeStorage. */
  vault?: SecretVault;
  /** Endpoints from the config file; they override saved endpoints with the same path. */
  configured?: readonly EndpointConfig[];
  onError?: (error: Error, context: string) => void;
  snsGet?: SnsGet;
  /** Base URL senders used, per route (tunnel or local): Twilio signs the full URL. */
  publicUrl?: (via: DeliveryVia) => string | null;
  /**
   * How long endpoints from the config file (`configured`) are armed for handshakes at start
   * (`serve --arm-handshakes MINUTES`); default 10 minutes, 0 for none.
   */
  armConfiguredMs?: number;
  /**
   * Asked once per re-verification that saving endpoints starts in the background; the function
   * it returns hears that run's progress (the engine pushes it to the UI).
   */
  backgroundProgress?: (endpoint: string) => (progress: ReverifyProgress) => void;
}

/** Endpoints, secrets, user schemas and the verdict machinery behind the receiver. */
export interface CaptureRules {
  readonly responder: Responder;
  readonly vault: SecretVault;
  endpoints(): readonly EndpointConfig[];
  /**
   * Validates (unknown provider: error naming the field), persists, and re-verifies in the
   * background the deliveries of every endpoint whose secrets, provider or options changed.
   */
  setEndpoints(next: readonly EndpointConfig[]): void;
  reverify(
    scope: ReverifyScope,
    onProgress?: (progress: ReverifyProgress) => void,
  ): Promise<number>;
  /** Settles once background re-verifications started so far are done (tests). */
  idle(): Promise<void>;
  /** Stops re-verifications at their next batch and waits for them (before the store closes). */
  stop(): Promise<void>;
  importSchemas(input: SchemaImportInput): Promise<UserSchemaView[]>;
  listSchemas(endpoint?: string): UserSchemaView[];
  removeSchemas(ids: readonly string[]): Promise<number>;
  confirmSns(id: string): Promise<SnsConfirmResult>;
  onHandshake(listener: (notice: HandshakeNotice) => void): () => void;
  /**
   * Opens an endpoint's handshake window for `ms` (issue 13): challenges are answered only while
   * it is open, except for providers that re-validate on their own schedule.
   */
  arm(path: string, ms: number): void;
  disarm(path: string): void;
  /** Epoch ms the endpoint's window closes, or null when it is not armed. */
  armedUntil(path: string): number | null;
  /** Endpoints and schemas as plain data, for deriving facts elsewhere (the store's thread). */
  snapshot(): DeriveSnapshot;
  /** Told the new snapshot whenever endpoints or schemas change. */
  onSnapshot(listener: (snapshot: DeriveSnapshot) => void): () => void;
}

function mergeByPath(
  saved: readonly EndpointConfig[],
  configured: readonly EndpointConfig[],
): EndpointConfig[] {
  const paths = new Set(configured.map((endpoint) => endpoint.path));
  return [...saved.filter((endpoint) => !paths.has(endpoint.path)), ...configured];
}

export function createCaptureRules(options: CaptureRulesOptions): CaptureRules {
  const { store } = options;
  const vault = options.vault ?? createFileVault(join(options.dataDir, 'secrets.json'));
  const book = createEndpointBook(options.dataDir, vault);
  const userSchemas = createUserSchemaBook(options.dataDir);
  const configured = options.configured ?? [];
  assertKnownProviders(configured);
  let endpoints: readonly EndpointConfig[] = mergeByPath(book.load(), configured);
  const handshakeListeners = new Set<(notice: HandshakeNotice) => void>();
  let background: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const report = (error: unknown, context: string) =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)), context);

  const snapshotListeners = new Set<(snapshot: DeriveSnapshot) => void>();
  const guard = createHandshakeGuard({ dataDir: options.dataDir });
  const armConfiguredMs = options.armConfiguredMs ?? DEFAULT_ARM_MS;
  if (armConfiguredMs > 0)
    for (const endpoint of configured)
      if (endpoint.handshake) guard.arm(endpoint.path, armConfiguredMs);
  const snapshot = (): DeriveSnapshot => ({
    endpoints,
    schemas: userSchemas.all(),
    handshakeAnswers: guard.answerDigests(),
  });
  const announceSnapshot = (): void => {
    const next = snapshot();
    for (const listener of snapshotListeners) listener(next);
  };

  // The store's thread must know an answer was given before a delivery carrying it arrives.
  guard.onAnswered(() => announceSnapshot());
  const responder = createCaptureResponder({
    guard,
    onHandshake(notice) {
      for (const listener of handshakeListeners) {
        try {
          listener(notice);
        } catch (error) {
          report(error, 'handshake listener');
        }
      }
    },
  });

  function derive(delivery: Delivery): DerivedFacts {
    // The endpoint its path matches as configured now (the receiver's rule), so one added after the
    // delivery arrived judges it too; none means no secrets, no schemas.
    const endpoint = matchEndpoint(endpoints, requestPath(delivery.target));
    return deriveFacts(
      {
        input: delivery,
        endpoint,
        truncated: delivery.truncated,
        handshake: delivery.handshake,
        via: delivery.via,
      },
      {
        userSchemas,
        publicUrl: options.publicUrl,
        handshakeAnswers: digestSet(guard.answerDigests()),
      },
    );
  }

  function reverify(scope: ReverifyScope, onProgress?: (p: ReverifyProgress) => void) {
    return reverifyDeliveries(store, scope, derive, { onProgress, shouldStop: () => stopped });
  }

  /** Queued one after another so two quick edits never race on the same rows. */
  function reverifyInBackground(paths: readonly string[]): void {
    for (const endpoint of paths) {
      background = background
        .then(() => reverify({ endpoint }, options.backgroundProgress?.(endpoint)))
        .catch((error: unknown) => report(error, `re-verifying deliveries of ${endpoint}`));
    }
  }

  async function idle(): Promise<void> {
    // Loop: a reverification queued while waiting extends the chain.
    let seen: Promise<unknown> | null = null;
    while (seen !== background) {
      seen = background;
      await seen;
    }
  }

  return {
    responder,
    vault,
    endpoints: () => endpoints,
    setEndpoints(next) {
      assertKnownProviders(next);
      book.save(next);
      const changed = changedEndpointPaths(endpoints, next);
      // Saved with handshakes on (newly, or with a new provider or secret): the default window.
      for (const endpoint of next) {
        const before = endpoints.find((item) => item.path === endpoint.path);
        if (endpoint.handshake && (!before?.handshake || changed.includes(endpoint.path)))
          guard.arm(endpoint.path, DEFAULT_ARM_MS);
      }
      endpoints = [...next];
      announceSnapshot();
      reverifyInBackground(changed);
    },
    reverify,
    idle,
    async stop() {
      stopped = true;
      await idle();
    },
    async importSchemas(input) {
      const name = input.name ?? (input.format === 'openapi' ? 'OpenAPI' : 'JSON Schema');
      const found = readSchemaDocument(input.document, input.format, { event: input.event, name });
      const added = userSchemas.add(input.endpoint, input.format, found);
      announceSnapshot();
      await reverify({ endpoint: input.endpoint });
      return added;
    },
    listSchemas: (endpoint) => userSchemas.list(endpoint),
    async removeSchemas(ids) {
      const { removed, endpoints: touched } = userSchemas.remove(ids);
      announceSnapshot();
      for (const endpoint of touched) await reverify({ endpoint });
      return removed;
    },
    async confirmSns(id) {
      const delivery = store.get(id);
      if (!delivery) throw new SnsConfirmError('not-found', `no delivery with id "${id}"`);
      return confirmSnsSubscription(delivery, options.snsGet);
    },
    onHandshake(listener) {
      handshakeListeners.add(listener);
      return () => handshakeListeners.delete(listener);
    },
    arm: (path, ms) => guard.arm(path, ms),
    disarm: (path) => guard.disarm(path),
    armedUntil: (path) => guard.armedUntil(path),
    snapshot,
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
  };
}

export type { ReverifyScope, ReverifyProgress } from './reverify';
export type { HandshakeNotice } from './capture-responder';
export { SchemaDocumentError } from './schema-document';
export { providerCatalog, assertKnownProviders, EndpointProviderError } from './provider-catalog';
export { endpointSecretKey } from './endpoint-book';
export type { SnsGet } from './sns-confirm';
