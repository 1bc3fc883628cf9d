import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../secrets/atomic-file';

/** The file in the data dir remembering where the user last sent a replay (the editor's default). */
export const LAST_TARGET_FILE = 'last-target.json';
/** The targets used most recently, newest first: what Send, Bulk and Replay offer in their dropdown. */
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

function readJson(file: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    // Missing or unreadable: there is simply nothing remembered yet.
    return null;
  }
}

/**
 * Read from disk on every call, never cached: the sender service, the API handlers (forge and bulk
 * sends) and a `hookscope replay` in another process all write these files, and a cached copy in one
 * of them would answer a stale default. The files are tiny and read once per user action.
 */
export function openLastTarget(dataDir: string): LastTarget {
  const file = join(dataDir, LAST_TARGET_FILE);
  const recentFile = join(dataDir, RECENT_TARGETS_FILE);
  const recent = (): string[] => {
    const urls = readJson(recentFile)?.urls;
    return Array.isArray(urls)
      ? urls.filter((url): url is string => typeof url === 'string').slice(0, RECENT_TARGETS_MAX)
      : [];
  };
  return {
    get() {
      const url = readJson(file)?.url;
      return typeof url === 'string' ? url : null;
    },
    set(url) {
      // last-target.json keeps its one-field shape (the CLI and older builds read it as is).
      writeFileAtomic(file, `${JSON.stringify({ url })}\n`, 0o644);
      const urls = [url, ...recent().filter((known) => known !== url)].slice(0, RECENT_TARGETS_MAX);
      writeFileAtomic(recentFile, `${JSON.stringify({ urls })}\n`, 0o644);
    },
    recent,
  };
}
