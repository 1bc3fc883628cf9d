import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InspectorSettings } from '../../contract/inspector';
import { writeFileAtomic } from '../secrets/atomic-file';

/** Saved filters and diff mask rules live beside the store, so every shell sees the same ones. */
export const INSPECTOR_SETTINGS_FILE = 'inspector-settings.json';

const DEFAULTS: InspectorSettings = InspectorSettings.parse({});

export interface InspectorSettingsFile {
  read(): InspectorSettings;
  write(settings: InspectorSettings): InspectorSettings;
}

export function openInspectorSettings(dataDir: string): InspectorSettingsFile {
  const file = join(dataDir, INSPECTOR_SETTINGS_FILE);
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return DEFAULTS;
      }
      // A hand-edited file that no longer parses must not take the inspector down: defaults, and
      // the next save rewrites it.
      try {
        const parsed = InspectorSettings.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : DEFAULTS;
      } catch {
        return DEFAULTS;
      }
    },
    write(settings) {
      const valid = InspectorSettings.parse(settings);
      writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`, 0o644);
      return valid;
    },
  };
}
