import { SUBSCRIPTION_SETTINGS_KEY, SubscriptionSettings } from '../settings/schemas';
import { withSettings } from '../settings/settings-store';

/** The former file, imported once into the settings table (settings/legacy-files.ts). */
export const SUBSCRIPTION_SETTINGS_FILE_NAME = 'subscription-settings.json';

export type { SubscriptionSettings };

const DEFAULTS: SubscriptionSettings = { autoRepoint: false };

/** Kept in the workspace's settings; a value that cannot be read means the defaults. */
export function createSubscriptionSettings(
  dataDir: string,
  report: (error: Error) => void,
): {
  get(): SubscriptionSettings;
  set(changes: Partial<SubscriptionSettings>): SubscriptionSettings;
} {
  const get = (): SubscriptionSettings => {
    try {
      return withSettings(
        dataDir,
        (settings) => ({
          ...settings.read(SUBSCRIPTION_SETTINGS_KEY, SubscriptionSettings, DEFAULTS),
        }),
        { onError: report },
      );
    } catch (error) {
      // Opting out is the safe reading: nothing is re-pointed without the person asking.
      report(new Error(`${(error as Error).message}; using the defaults`));
      return { ...DEFAULTS };
    }
  };
  return {
    get,
    set(changes) {
      const next = { ...get(), ...changes };
      return withSettings(
        dataDir,
        (settings) => settings.write(SUBSCRIPTION_SETTINGS_KEY, SubscriptionSettings, next),
        { onError: report },
      );
    },
  };
}
