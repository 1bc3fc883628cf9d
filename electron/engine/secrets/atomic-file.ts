import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces a file in one step: readers see the old content or the new one, never half of it, and a
 * crash mid-write leaves the old file intact. The temp file is created 0600 so a secret is never
 * readable by others, not even for the moment before the final chmod.
 */
export function writeFileAtomic(path: string, content: string, requestedMode = 0o600): void {
  // Every file written this way lives in the data folder and may hold tokens, URLs or headers:
  // owner-only whatever a caller asks (issue 13), so a 0644 request becomes 0600.
  const mode = requestedMode & 0o700;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content, { mode, flag: 'wx' });
    // The umask only removes bits, but set the exact mode before the file takes its final name.
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // rename keeps the temp file's mode, but an umask or a pre-existing file must not widen it.
  chmodSync(path, mode);
}
