import { z } from 'zod';
import { InspectorSettings } from '../../contract/inspector';
import { TunnelSettings, TunnelUrlRecord } from '../../contract/tunnel';

/**
 * The settings kept in the workspace's SQLite file (table `settings`, migration 9): one key per
 * concept, each with its schema here, so a value is validated the same way wherever it is read.
 */

/** Saved filters and diff mask rules (inspector): the contract's own schema. */
export const INSPECTOR_SETTINGS_KEY = 'inspector';
export { InspectorSettings };

/** `hookscope subscriptions` behaviour (subscription-service/subscription-settings.ts). */
export const SUBSCRIPTION_SETTINGS_KEY = 'subscriptions.settings';
export const SubscriptionSettings = z.strictObject({
  /** Re-point every recorded subscription by itself when the public URL changes. */
  autoRepoint: z.boolean(),
});
export type SubscriptionSettings = z.infer<typeof SubscriptionSettings>;

/** The former subscription-settings.json (version 1), read only to import it. */
export const LegacySubscriptionSettingsFile = z.strictObject({
  version: z.literal(1),
  autoRepoint: z.boolean(),
});

/** The last tunnel's settings (no secrets) and the public URLs given out (tunnel-manager). */
export const TUNNEL_STATE_KEY = 'tunnel';
export const TunnelState = z.strictObject({
  /** The settings of the last tunnel started, to prefill the panel and `serve`. */
  settings: TunnelSettings.nullable(),
  history: z.array(TunnelUrlRecord),
});
export type TunnelState = z.infer<typeof TunnelState>;

/** The former tunnel.json (version 1), read only to import it. */
export const LegacyTunnelStateFile = TunnelState.extend({ version: z.literal(1) });

/** Where the user last sent a replay (the editor's default) — sender/last-target.ts. */
export const LAST_TARGET_KEY = 'sender.last-target';
export const LastTargetSetting = z.object({ url: z.string() });
/** The targets used most recently, newest first (Send, Bulk and Replay dropdowns). */
export const RECENT_TARGETS_KEY = 'sender.recent-targets';
export const RecentTargetsSetting = z.object({ urls: z.array(z.string()) });
