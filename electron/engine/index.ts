import { mkdir } from 'node:fs/promises';
import { databaseFile } from './data-dir';
import type { Engine, EngineOptions } from './engine-types';
import { startReceiver } from './receiver';
import type { Receiver } from './receiver/types';
import { DEFAULT_LIMITS, type EndpointConfig } from './receiver/types';
import { createGroupCommitter, openDeliveryStore } from './store';

/**
 * Opens the store, starts the receiver and wires them: every captured request goes through the
 * group committer, and the receiver answers only once its delivery is committed.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { dataDir } = options;
  await mkdir(dataDir, { recursive: true });
  const store = openDeliveryStore(databaseFile(dataDir), { retention: options.retention });
  const committer = createGroupCommitter(store, { windowMs: options.commitWindowMs });
  let endpoints: readonly EndpointConfig[] = [...(options.endpoints ?? [])];

  let receiver: Receiver;
  try {
    receiver = await startReceiver({
      host: options.host ?? '127.0.0.1',
      port: options.receiverPort ?? 0,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      endpoints: () => endpoints,
      responder: options.responder,
      onError: options.onError,
      sink: (delivery) => committer.commit(delivery),
    });
  } catch (error) {
    store.close();
    throw error;
  }

  let closing: Promise<void> | null = null;
  // Order matters: the receiver stops taking requests and waits for the in-flight ones (whose
  // answers wait for their commits), then the queue is flushed, then the file is closed.
  async function shutDown(): Promise<void> {
    try {
      await receiver.close();
      await committer.flush();
    } finally {
      store.close();
    }
  }

  return {
    dataDir,
    receiver,
    store,
    endpoints: () => endpoints,
    setEndpoints(next) {
      endpoints = [...next];
    },
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
export { openDeliveryStore, createGroupCommitter, DEFAULT_RETENTION } from './store';
export type { DeliveryStore, GroupCommitter, StoreChange, RetentionLimits } from './store';
export { DEFAULT_LIMITS, TRUNCATED_KEEP_BYTES } from './receiver/types';
export type { EndpointConfig, Receiver, ReceiverLimits, Responder } from './receiver/types';
export type { Delivery, NewDelivery } from './delivery';
export * from './export';
