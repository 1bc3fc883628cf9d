import { InspectorSettings } from '../../contract/inspector';
import { INSPECTOR_SETTINGS_KEY } from '../settings/schemas';
import { withSettings } from '../settings/settings-store';

/**
 * Saved filters and diff mask rules live in the workspace (settings table), so every shell sees
 * the same ones. The former inspector-settings.json is imported once (settings/legacy-files.ts).
 */
export const INSPECTOR_SETTINGS_FILE = 'inspector-settings.json';

const DEFAULTS: InspectorSettings = InspectorSettings.parse({});

export interface InspectorSettingsFile {
  read(): InspectorSettings;
  write(settings: InspectorSettings): InspectorSettings;
}

export function openInspectorSettings(
  dataDir: string,
  report: (error: Error) => void = () => undefined,
): InspectorSettingsFile {
  return {
    read() {
      // A damaged value must not take the inspector down: defaults, and the next save replaces it.
      try {
        return withSettings(
          dataDir,
          (settings) => settings.read(INSPECTOR_SETTINGS_KEY, InspectorSettings, DEFAULTS),
          { onError: report },
        );
      } catch (error) {
        report(error instanceof Error ? error : new Error(String(error)));
        return DEFAULTS;
      }
    },
    write(settings) {
      return withSettings(
        dataDir,
        (store) => store.write(INSPECTOR_SETTINGS_KEY, InspectorSettings, settings),
        { onError: report },
      );
    },
  };
}
