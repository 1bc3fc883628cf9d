import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../secrets/atomic-file';

export const SUBSCRIPTION_SETTINGS_FILE_NAME = 'subscription-settings.json';

const SettingsFile = z.strictObject({
  version: z.literal(1),
  /** Re-point every recorded subscription by itself when the public URL changes. */
  autoRepoint: z.boolean(),
});
export type SubscriptionSettings = Omit<z.infer<typeof SettingsFile>, 'version'>;

const DEFAULTS: SubscriptionSettings = { autoRepoint: false };

/** `<dataDir>/subscription-settings.json`; a file that cannot be read means the defaults. */
export function createSubscriptionSettings(
  dataDir: string,
  report: (error: Error) => void,
): {
  get(): SubscriptionSettings;
  set(changes: Partial<SubscriptionSettings>): SubscriptionSettings;
} {
  const file = join(dataDir, SUBSCRIPTION_SETTINGS_FILE_NAME);
  const get = (): SubscriptionSettings => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        report(new Error(`cannot read ${file}: ${(error as Error).message}`));
      return { ...DEFAULTS };
    }
    try {
      const parsed = SettingsFile.parse(JSON.parse(text));
      return { autoRepoint: parsed.autoRepoint };
    } catch (error) {
      // Opting out is the safe reading: nothing is re-pointed without the person asking.
      report(new Error(`${file} is not valid (${(error as Error).message}); using the defaults`));
      return { ...DEFAULTS };
    }
  };
  return {
    get,
    set(changes) {
      const next = { ...get(), ...changes };
      writeFileAtomic(file, `${JSON.stringify({ version: 1, ...next }, null, 2)}\n`);
      return next;
    },
  };
}
