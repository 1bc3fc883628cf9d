import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../secrets/atomic-file';
import type { SecretVault } from '../secrets/types';

const RegisteredSubscription = z.strictObject({
  /** Hookscope's own id for the record. */
  id: z.string().min(1),
  /** A provider whose subscription capability is an API (providers/<id>/subscription.ts). */
  provider: z.string().min(1),
  /** Provider account (accounts.ts) the subscription was made with. */
  accountId: z.string().min(1),
  /** The provider's own id of the subscription. */
  remoteId: z.string().min(1),
  endpointPath: z.string().min(1),
  /** The full URL the provider calls. */
  url: z.string().min(1),
  /** The event (trigger) in the provider API's spelling. */
  event: z.string().min(1),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type RegisteredSubscription = z.infer<typeof RegisteredSubscription>;

const RegistryFile = z.strictObject({
  version: z.literal(1),
  subscriptions: z.array(RegisteredSubscription),
});

export const REGISTRY_FILE_NAME = 'subscriptions.json';

/**
 * Vault key of the shared secret a subscription was made with, for providers that challenge the
 * URL with it (needed to re-subscribe).
 */
export function subscriptionSecretKey(id: string): string {
  return `subscription:${id}:secret`;
}

export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

export type NewRegisteredSubscription = Omit<
  RegisteredSubscription,
  'id' | 'createdAt' | 'updatedAt'
>;

export interface SubscriptionRegistry {
  list(): RegisteredSubscription[];
  get(id: string): RegisteredSubscription | null;
  findByRemote(
    provider: RegisteredSubscription['provider'],
    accountId: string,
    remoteId: string,
  ): RegisteredSubscription | null;
  /** Records a subscription Hookscope created; its shared secret, when any, goes to the vault. */
  add(entry: NewRegisteredSubscription, secret?: string): RegisteredSubscription;
  update(
    id: string,
    changes: Partial<Pick<RegisteredSubscription, 'remoteId' | 'url' | 'endpointPath' | 'event'>>,
  ): RegisteredSubscription;
  remove(id: string): boolean;
  secretOf(id: string): string | null;
}

/**
 * The subscriptions Hookscope made at providers, in `<dataDir>/subscriptions.json`, so that when
 * the public URL changes each one can be re-pointed, and none is forgotten at the provider.
 */
export function createSubscriptionRegistry(
  dataDir: string,
  vault: SecretVault,
  now: () => number = Date.now,
): SubscriptionRegistry {
  const file = join(dataDir, REGISTRY_FILE_NAME);

  function load(): RegisteredSubscription[] {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new RegistryError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new RegistryError(
        `${file} is not JSON (${(error as Error).message}); fix or remove it.`,
      );
    }
    const parsed = RegistryFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RegistryError(
        `${file} is not a valid subscriptions file: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      );
    }
    return parsed.data.subscriptions;
  }

  const store = (subscriptions: RegisteredSubscription[]) =>
    writeFileAtomic(file, `${JSON.stringify({ version: 1, subscriptions }, null, 2)}\n`);

  return {
    list: load,
    get: (id) => load().find((entry) => entry.id === id) ?? null,
    findByRemote: (provider, accountId, remoteId) =>
      load().find(
        (entry) =>
          entry.provider === provider &&
          entry.accountId === accountId &&
          entry.remoteId === remoteId,
      ) ?? null,
    add(entry, secret) {
      const at = now();
      const record = RegisteredSubscription.parse({
        ...entry,
        id: randomUUID(),
        createdAt: at,
        updatedAt: at,
      });
      if (secret !== undefined) vault.set(subscriptionSecretKey(record.id), secret);
      store([...load(), record]);
      return record;
    },
    update(id, changes) {
      const entries = load();
      const index = entries.findIndex((entry) => entry.id === id);
      const current = entries[index];
      if (!current) throw new RegistryError(`No registered subscription ${id}.`);
      const next = { ...current, ...changes, updatedAt: now() };
      entries[index] = next;
      store(entries);
      return next;
    },
    remove(id) {
      const entries = load();
      const kept = entries.filter((entry) => entry.id !== id);
      if (kept.length !== entries.length) store(kept);
      vault.delete(subscriptionSecretKey(id));
      return kept.length !== entries.length;
    },
    secretOf: (id) => vault.get(subscriptionSecretKey(id)),
  };
}
