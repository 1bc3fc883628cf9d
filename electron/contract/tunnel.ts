import { z } from 'zod';

// The tunnel as the UI drives it. Secrets (ngrok authtoken, key passphrase) are write-only: they go
// to the engine's secret store and the UI only learns whether one is saved.

const ConnectTimeoutMs = z.number().int().min(1).max(600_000).optional();
/** Shown instead of the tunnel's own URL (a reverse proxy or a DNS name in front of it). */
const PublicUrlOverride = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'must be an http(s) URL')
  .max(2_000)
  .optional();

const NoneSettings = z.strictObject({
  provider: z.literal('none'),
  publicUrl: PublicUrlOverride,
});

const ngrokFields = {
  provider: z.literal('ngrok'),
  /** A reserved/static domain, so the URL survives restarts. */
  domain: z.string().min(1).max(253).optional(),
  region: z.string().min(1).max(30).optional(),
  connectTimeoutMs: ConnectTimeoutMs,
  publicUrl: PublicUrlOverride,
};

const sshFields = {
  provider: z.literal('ssh'),
  /** user@host:port */
  target: z.string().min(1).max(300),
  keyFile: z.string().min(1).max(4_096).optional(),
  useAgent: z.boolean().optional(),
  /** 0 lets the server choose (the URL then changes on every reconnect). */
  remotePort: z.number().int().min(0).max(65_535).default(0),
  remoteHost: z.string().min(1).max(253).optional(),
  publicUrlFromBanner: z.boolean().optional(),
  hostKeyFingerprint: z.string().min(1).max(200).optional(),
  connectTimeoutMs: ConnectTimeoutMs,
  publicUrl: PublicUrlOverride,
};

/** What tunnel:start takes. `authtoken`/`passphrase` are stored as secrets, never echoed. */
export const TunnelStartInput = z.discriminatedUnion('provider', [
  NoneSettings,
  z.strictObject({ ...ngrokFields, authtoken: z.string().min(1).max(500).optional() }),
  z.strictObject({ ...sshFields, passphrase: z.string().min(1).max(1_000).optional() }),
]);
export type TunnelStartInput = z.input<typeof TunnelStartInput>;

/** The settings as remembered (and shown): no secrets. */
export const TunnelSettings = z.discriminatedUnion('provider', [
  NoneSettings,
  z.strictObject(ngrokFields),
  z.strictObject(sshFields),
]);
export type TunnelSettings = z.output<typeof TunnelSettings>;
export type TunnelProviderName = TunnelSettings['provider'];

export const TunnelStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting') }),
  z.object({ state: z.literal('online'), publicUrl: z.string() }),
  z.object({
    state: z.literal('reconnecting'),
    attempt: z.number().int(),
    reason: z.string(),
    nextRetryMs: z.number(),
  }),
  z.object({ state: z.literal('offline') }),
  z.object({ state: z.literal('error'), reason: z.string() }),
]);
export type TunnelStatus = z.infer<typeof TunnelStatus>;

export const TunnelInfo = z.object({
  provider: z.enum(['none', 'ngrok', 'ssh']),
  status: TunnelStatus,
  /** What senders should use now; null while no tunnel is online (and no override is set). */
  publicUrl: z.string().nullable(),
  /** The settings of the running tunnel, or the last ones used (to prefill the form). */
  settings: TunnelSettings.nullable(),
  /** Whether an ngrok authtoken is saved in the secret store (NGROK_AUTHTOKEN is not counted). */
  ngrokAuthtokenSaved: z.boolean(),
});
export type TunnelInfo = z.infer<typeof TunnelInfo>;

/** One public URL the receiver had, and when. `until` is null while it is the current one. */
export const TunnelUrlRecord = z.object({
  url: z.string(),
  provider: z.enum(['none', 'ngrok', 'ssh']),
  since: z.number(),
  until: z.number().nullable(),
});
export type TunnelUrlRecord = z.infer<typeof TunnelUrlRecord>;

/** Pushed when the public URL changed: providers still point at `previous`. */
export const TunnelUrlChanged = z.object({
  previous: z.string(),
  current: z.string(),
  at: z.number(),
  /** Subscriptions Hookscope made that still point at `previous`. */
  affectedSubscriptions: z.number().int(),
  /** True when the engine re-points them by itself (the user opted in). */
  autoRepoint: z.boolean(),
});
export type TunnelUrlChanged = z.infer<typeof TunnelUrlChanged>;
