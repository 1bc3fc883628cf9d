import { mkdir } from 'node:fs/promises';
import { createCaptureRules, type CaptureRules } from './capture-rules';
import { composeResponders } from './capture-rules/compose-responders';
import { join } from 'node:path';
import { createEngineEvents } from './events/engine-events';
import { reverifyProgressPusher } from './events/reverify-progress';
import { createFileVault } from './secrets/file-vault';
import { reportChallenges } from './subscription-service/challenge-reporting-responder';
import { createSubscriptionService } from './subscription-service/subscription-service';
import { createChallengeWatch } from './subscriptions/challenge-watch';
import { createTunnelManager } from './tunnel-manager/tunnel-manager';
import { databaseFile } from './data-dir';
import type { Engine, EngineOptions } from './engine-types';
import { startReceiver } from './receiver';
import type { Receiver } from './receiver/types';
import { DEFAULT_LIMITS, type EndpointConfig } from './receiver/types';
import { openDeliveryStore } from './store';
import { openAttemptsStore } from './sender/attempts-store';
import { startForwarder } from './sender/forwarder';
import { createSenderService } from './sender/sender-service';

/**
 * Opens the store in capture mode, starts the receiver and wires them: the receiver answers only
 * once its delivery's record is in the capture journal; the store's thread makes it a row.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { dataDir } = options;
  await mkdir(dataDir, { recursive: true });
  const store = openDeliveryStore(databaseFile(dataDir), {
    retention: options.retention,
    checkpointInBackground: true,
    capture: { windowMs: options.commitWindowMs, durability: options.durability },
    onError: (message) => options.onError?.(new Error(message), 'store'),
  });
  let endpoints: readonly EndpointConfig[] = [...(options.endpoints ?? [])];
  const reportError = (error: Error, context: string) => options.onError?.(error, context);
  const events = createEngineEvents((error) => reportError(error, 'an engine event listener'));
  const vault = options.vault ?? createFileVault(join(dataDir, 'secrets.json'));
  const challengeWatch = createChallengeWatch();
  let captureRules: CaptureRules;
  // Set once the tunnel exists; until then local deliveries use the receiver's own URL.
  let publicUrlOf = (_via: 'local' | 'tunnel'): string | null => null;
  try {
    // Saved endpoints + config endpoints (validated: an unknown provider stops the start here).
    captureRules = createCaptureRules({
      dataDir,
      store,
      vault,
      configured: options.endpoints ?? [],
      onError: reportError,
      publicUrl: (via) => publicUrlOf(via),
      backgroundProgress: (endpoint) => reverifyProgressPusher(events, endpoint),
    });
  } catch (error) {
    store.close();
    throw error;
  }
  endpoints = captureRules.endpoints();
  // Facts of captured deliveries are derived on the store's thread, from a copy of the rules.
  store.setDeriveSnapshot(captureRules.snapshot());
  captureRules.onSnapshot((snapshot) => store.setDeriveSnapshot(snapshot));
  if (store.recoveredUnderived.length) {
    captureRules
      .reverify({ ids: store.recoveredUnderived })
      .catch((error: unknown) =>
        reportError(error instanceof Error ? error : new Error(String(error)), 'recovery'),
      );
  }

  // Sends (replay, forward, forge) are recorded next to the deliveries, through a second connection.
  const attempts = openAttemptsStore(databaseFile(dataDir));
  // Filled in once the receiver and the tunnel exist; forwards never start before that.
  let ownUrls: () => { receiverUrl: string; publicUrls: string[] } | null = () => null;
  const forwarder = startForwarder({
    store,
    attempts,
    endpoints: () => endpoints,
    ownUrls: () => ownUrls(),
    retry: options.forwardRetry,
    timeoutMs: options.forwardTimeoutMs,
    report: reportError,
  });

  let receiver: Receiver;
  try {
    receiver = await startReceiver({
      host: options.host ?? '127.0.0.1',
      port: options.receiverPort ?? 0,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      endpoints: () => endpoints,
      responder: reportChallenges(
        composeResponders(options.responder, captureRules.responder),
        challengeWatch,
      ),
      onError: options.onError,
      // A delivery the responder did not judge (most) gets its facts on the store's thread.
      sink: (delivery) =>
        store.capture(
          delivery,
          delivery.verdict === null ? { publicUrl: publicUrlOf(delivery.via) } : null,
        ),
      proxy: (request) => forwarder.proxy(request),
    });
  } catch (error) {
    await forwarder.close();
    attempts.close();
    await store.stopCapturing();
    store.close();
    throw error;
  }

  const setEndpoints = (next: EndpointConfig[]) => {
    captureRules.setEndpoints(next);
    endpoints = captureRules.endpoints();
  };
  const tunnel = createTunnelManager({
    dataDir,
    receiver,
    vault,
    events,
    onUrlChanged: (change) => subscriptions.onUrlChanged(change),
    onError: reportError,
    ...(options.tunnelOptions ? { tunnelOptions: options.tunnelOptions } : {}),
  });
  publicUrlOf = (via) => (via === 'tunnel' ? tunnel.publicUrl() : null) ?? receiver.url;
  const subscriptions = createSubscriptionService({
    dataDir,
    vault,
    events,
    challengeWatch,
    store,
    endpoints: () => endpoints,
    setEndpoints,
    publicUrl: () => tunnel.publicUrl(),
    receiverUrl: () => receiver.url,
    previousPublicUrl: () => tunnel.history().at(-2)?.url ?? null,
    onError: reportError,
    arm: (path, ms) => captureRules.arm(path, ms),
  });

  ownUrls = () => {
    const publicUrl = tunnel.publicUrl();
    return { receiverUrl: receiver.url, publicUrls: publicUrl ? [publicUrl] : [] };
  };
  const sender = createSenderService({
    dataDir,
    store,
    attempts,
    endpoints: () => endpoints,
    ownUrls: () => ownUrls(),
    forwarder,
  });
  sender.onEvent((event) => events.emit(event.event, event.payload));

  let closing: Promise<void> | null = null;
  // Order matters: the receiver stops taking requests and waits for the in-flight ones (whose
  // answers wait for their journal writes), then the journal is flushed, then the file is closed.
  async function shutDown(): Promise<void> {
    try {
      await tunnel.close();
      await receiver.close();
      await captureRules.stop();
      // Once the last deliveries are rows, their forwards start; they are sent (or given up)
      // before the close.
      await store.whenIndexed();
      await forwarder.close();
    } finally {
      attempts.close();
      await store.stopCapturing();
      store.close();
    }
  }

  return {
    dataDir,
    receiver,
    store,
    endpoints: () => endpoints,
    setEndpoints,
    events,
    vault,
    tunnel,
    subscriptions,
    challengeWatch,
    captureRules,
    sender,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}

export type { Engine, EngineOptions } from './engine-types';
export { defaultDataDir, databaseFile } from './data-dir';
export { loadConfigFile, parseConfig, ConfigError, HookscopeConfig } from './config-file';
export type { HookscopeConfigValue } from './config-file';
export { HOOKSCOPE_VERSION } from './version';
export { openDeliveryStore, DEFAULT_RETENTION } from './store';
export type { DeliveryStore, StoreChange, RetentionLimits } from './store';
export { DEFAULT_LIMITS, TRUNCATED_KEEP_BYTES } from './receiver/types';
export type { EndpointConfig, Receiver, ReceiverLimits, Responder } from './receiver/types';
export type { Delivery, NewDelivery } from './delivery';
export * from './export';
export { repairCommand, repairDatabase, type RepairReport } from './store/integrity';
export { learnedSchemaDocument, LearningError } from './learning';
export {
  createSuite,
  junitXml,
  parseSuite,
  retryPolicyOf,
  runSuite,
  serializeSuite,
  SuiteFileError,
  SuiteRunError,
} from './suites';
