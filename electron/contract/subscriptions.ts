import { z } from 'zod';

// Provider accounts and the subscriptions Hookscope makes with them. Passwords and tokens are
// write-only: accounts:save takes them, nothing ever gives them back.

const Id = z.string().min(1).max(500);

/** The provider id of something a provider's subscription capability handles (providers:list). */
const SubscriptionProviderId = z.string().min(1).max(100);

/**
 * An account's fields as its provider declares them (`providers:list` -> `subscription.accountFields`):
 * the engine checks them against that provider's account schema.
 */
export const AccountSaveInput = z
  .object({
    provider: SubscriptionProviderId,
    id: Id.optional(),
  })
  .catchall(z.string().max(5_000));
export type AccountSaveInput = z.input<typeof AccountSaveInput>;

/** An account's settings without its secret; the other fields are the provider's own. */
export const AccountView = z
  .object({
    id: z.string(),
    provider: z.string(),
    server: z.string(),
    secretSaved: z.boolean(),
  })
  .catchall(z.union([z.string(), z.boolean()]));
export type AccountView = z.infer<typeof AccountView>;

/** A subscription Hookscope created (its own record, used for re-pointing). */
export const RegisteredSubscriptionView = z.object({
  id: z.string(),
  provider: SubscriptionProviderId,
  accountId: z.string(),
  remoteId: z.string(),
  endpointPath: z.string(),
  url: z.string(),
  event: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type RegisteredSubscriptionView = z.infer<typeof RegisteredSubscriptionView>;

/** A subscription as the provider lists it. */
export const RemoteSubscriptionView = z.object({
  remoteId: z.string(),
  url: z.string().nullable(),
  event: z.string().nullable(),
  /** Registry id when Hookscope created it, else null. */
  registeredId: z.string().nullable(),
});
export type RemoteSubscriptionView = z.infer<typeof RemoteSubscriptionView>;

export const SubscriptionsListInput = z
  .strictObject({
    /** When given, the provider is asked for this account's subscriptions too. */
    accountId: Id.optional(),
  })
  .default({});

export const SubscriptionsList = z.object({
  registered: z.array(RegisteredSubscriptionView),
  /** null when no account was asked about. */
  remote: z.array(RemoteSubscriptionView).nullable(),
  autoRepoint: z.boolean(),
});
export type SubscriptionsList = z.infer<typeof SubscriptionsList>;

export const SubscriptionCreateInput = z.strictObject({
  accountId: Id,
  endpointPath: z.string().startsWith('/', 'must start with "/"').max(2_000),
  /** The event (trigger) to subscribe to, in any spelling the provider accepts. */
  event: z.string().min(1).max(200),
  /** Defaults to the current public URL + endpointPath. */
  url: z
    .string()
    .regex(/^https?:\/\//, 'must be an http(s) URL')
    .max(2_000)
    .optional(),
  includeIdentifiers: z.boolean().optional(),
  /** Echoed on every subscriptions:progressed event so the UI can tell runs apart. */
  runId: z.string().min(1).max(100).optional(),
});
export type SubscriptionCreateInput = z.input<typeof SubscriptionCreateInput>;

export const SubscribeStepName = z.enum([
  'request-sent',
  'challenge-received',
  'challenge-answered',
  'subscription-created',
  'failed',
]);

export const SubscriptionStep = z.object({
  runId: z.string().nullable(),
  endpointPath: z.string(),
  step: SubscribeStepName,
  detail: z.string(),
  at: z.number(),
});
export type SubscriptionStep = z.infer<typeof SubscriptionStep>;

export const SubscriptionDeleteInput = z.union([
  z.strictObject({ id: Id }),
  z.strictObject({ accountId: Id, remoteId: Id }),
]);

export const RepointResultView = z.object({
  id: z.string(),
  provider: SubscriptionProviderId,
  ok: z.boolean(),
  message: z.string(),
  remoteId: z.string(),
  url: z.string(),
});
export type RepointResultView = z.infer<typeof RepointResultView>;

export const SubscriptionsRepointInput = z
  .strictObject({
    /** Defaults to the public URL before the last change. */
    from: z.string().min(1).max(2_000).optional(),
    /** Defaults to the current public URL. */
    to: z.string().min(1).max(2_000).optional(),
  })
  .default({});

/** Pushed after every re-point run, automatic or asked for. */
export const SubscriptionsRepointed = z.object({
  from: z.string(),
  to: z.string(),
  automatic: z.boolean(),
  results: z.array(RepointResultView),
});
export type SubscriptionsRepointed = z.infer<typeof SubscriptionsRepointed>;

export const ManualSetupInput = z.strictObject({
  provider: SubscriptionProviderId,
  endpointPath: z.string().startsWith('/', 'must start with "/"').max(2_000),
  /** Defaults to the current public URL (else the local receiver URL). */
  publicUrl: z.string().min(1).max(2_000).optional(),
});

export const ManualSetupView = z.object({
  provider: SubscriptionProviderId,
  title: z.string(),
  steps: z.array(z.string()),
  copy: z.array(z.object({ label: z.string(), value: z.string() })),
  notes: z.array(z.string()),
  /** False when no tunnel is up: the provider cannot reach a 127.0.0.1 URL. */
  publicUrlIsTunnel: z.boolean(),
});
export type ManualSetupView = z.infer<typeof ManualSetupView>;

export const WaitFirstDeliveryInput = z.strictObject({
  endpointPath: z.string().startsWith('/', 'must start with "/"').max(2_000),
  timeoutMs: z.number().int().min(1).max(3_600_000).default(600_000),
});
