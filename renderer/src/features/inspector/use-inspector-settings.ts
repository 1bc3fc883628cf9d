// Saved filters and diff mask rules, persisted by the engine (inspector-settings.json in the data
// folder), so the Electron app and the browser build share them.
import { useCallback, useEffect, useState } from 'react';
import type { InspectorSettings } from '../../../../electron/contract/inspector';
import { useServices } from '../../app-context';

export const DEFAULT_INSPECTOR_SETTINGS: InspectorSettings = {
  savedFilters: [],
  maskRules: [],
  usePresets: true,
};

export interface InspectorSettingsState {
  settings: InspectorSettings;
  loaded: boolean;
  /** Saves the whole settings object; answers an error message, or null. */
  save: (next: InspectorSettings) => Promise<string | null>;
}

export function useInspectorSettings(): InspectorSettingsState {
  const { api } = useServices();
  const [settings, setSettings] = useState<InspectorSettings>(DEFAULT_INSPECTOR_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void api.call('inspector:load').then((result) => {
      if (cancelled) return;
      if (result.ok) setSettings(result.value);
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);
  const save = useCallback(
    async (next: InspectorSettings) => {
      setSettings(next);
      const result = await api.call('inspector:save', next);
      if (!result.ok) return result.error.message;
      setSettings(result.value);
      return null;
    },
    [api],
  );
  return { settings, loaded, save };
}
