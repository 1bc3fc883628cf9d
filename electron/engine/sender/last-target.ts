import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../secrets/atomic-file';

/** The file in the data dir remembering where the user last sent a replay (the editor's default). */
export const LAST_TARGET_FILE = 'last-target.json';

export interface LastTarget {
  get(): string | null;
  set(url: string): void;
}

export function openLastTarget(dataDir: string): LastTarget {
  const file = join(dataDir, LAST_TARGET_FILE);
  let cached: string | null | undefined;
  return {
    get() {
      if (cached !== undefined) return cached;
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown };
        cached = typeof parsed.url === 'string' ? parsed.url : null;
      } catch {
        // Missing or unreadable: there is simply no default yet.
        cached = null;
      }
      return cached;
    },
    set(url) {
      if (cached === url) return;
      cached = url;
      writeFileAtomic(file, `${JSON.stringify({ url })}\n`, 0o644);
    },
  };
}
