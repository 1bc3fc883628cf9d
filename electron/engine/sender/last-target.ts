import {
  LAST_TARGET_KEY,
  LastTargetSetting,
  RECENT_TARGETS_KEY,
  RecentTargetsSetting,
} from '../settings/schemas';
import { withSettings, type SettingsStore } from '../settings/settings-store';

/** The former file remembering the last replay target, imported once (settings/legacy-files.ts). */
export const LAST_TARGET_FILE = 'last-target.json';
/** The former file of recent targets, imported once likewise. */
export const RECENT_TARGETS_FILE = 'recent-targets.json';
/** Enough to cover a working session's targets without turning the dropdown into a history. */
export const RECENT_TARGETS_MAX = 10;

export interface LastTarget {
  get(): string | null;
  /** Remembers `url` as the last target and moves it to the front of the recent list. */
  set(url: string): void;
  /** Distinct targets, newest first, at most RECENT_TARGETS_MAX. */
  recent(): string[];
}

function readRecent(settings: SettingsStore): string[] {
  return settings.read(RECENT_TARGETS_KEY, RecentTargetsSetting, { urls: [] }).urls;
}

/** Missing or damaged: there is simply nothing remembered yet. */
function orNothing<T>(read: () => T, nothing: T): T {
  try {
    return read();
  } catch {
    return nothing;
  }
}

/**
 * Read from the workspace on every call, never cached: the sender service, the API handlers
 * (forge and bulk sends) and a `hookscope replay` in another process all write these settings,
 * and a cached copy in one of them would answer a stale default. Read once per user action.
 */
export function openLastTarget(dataDir: string): LastTarget {
  const recent = (): string[] =>
    orNothing(() => withSettings(dataDir, readRecent).slice(0, RECENT_TARGETS_MAX), [] as string[]);
  return {
    get() {
      return orNothing(
        () =>
          withSettings(
            dataDir,
            (settings) => settings.read(LAST_TARGET_KEY, LastTargetSetting, null)?.url ?? null,
          ),
        null,
      );
    },
    set(url) {
      withSettings(dataDir, (settings) => {
        settings.write(LAST_TARGET_KEY, LastTargetSetting, { url });
        const known = orNothing(() => readRecent(settings), [] as string[]);
        const urls = [url, ...known.filter((other) => other !== url)].slice(0, RECENT_TARGETS_MAX);
        settings.write(RECENT_TARGETS_KEY, RecentTargetsSetting, { urls });
      });
    },
    recent,
  };
}
