import type { z } from 'zod';
import {
  INSPECTOR_SETTINGS_KEY,
  InspectorSettings,
  LAST_TARGET_KEY,
  LastTargetSetting,
  LegacySubscriptionSettingsFile,
  LegacyTunnelStateFile,
  RECENT_TARGETS_KEY,
  RecentTargetsSetting,
  SUBSCRIPTION_SETTINGS_KEY,
  TUNNEL_STATE_KEY,
} from './schemas';

/** A JSON settings file of earlier versions, imported into the settings table once. */
export interface LegacySettingsFile {
  /** The file's name in the data directory. */
  file: string;
  key: string;
  /** The file's own (old) schema: a file it rejects is left in place. */
  schema: z.ZodType;
  /** The value stored under `key`, from the validated file. */
  convert(parsed: unknown): unknown;
}

export const LEGACY_SETTINGS_FILES: readonly LegacySettingsFile[] = [
  {
    file: 'inspector-settings.json',
    key: INSPECTOR_SETTINGS_KEY,
    schema: InspectorSettings,
    convert: (parsed) => parsed,
  },
  {
    file: 'subscription-settings.json',
    key: SUBSCRIPTION_SETTINGS_KEY,
    schema: LegacySubscriptionSettingsFile,
    convert: (parsed) => {
      const { autoRepoint } = parsed as z.infer<typeof LegacySubscriptionSettingsFile>;
      return { autoRepoint };
    },
  },
  {
    file: 'tunnel.json',
    key: TUNNEL_STATE_KEY,
    schema: LegacyTunnelStateFile,
    convert: (parsed) => {
      const { settings, history } = parsed as z.infer<typeof LegacyTunnelStateFile>;
      return { settings, history };
    },
  },
  {
    file: 'last-target.json',
    key: LAST_TARGET_KEY,
    schema: LastTargetSetting,
    convert: (parsed) => parsed,
  },
  {
    file: 'recent-targets.json',
    key: RECENT_TARGETS_KEY,
    schema: RecentTargetsSetting,
    convert: (parsed) => parsed,
  },
];
