import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces a file in one step: readers see the old content or the new one, never half of it, and a
 * crash mid-write leaves the old file intact. The temp file is created 0600 so a secret is never
 * readable by others, not even for the moment before the final chmod.
 */
export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, content, { mode, flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // rename keeps the temp file's mode, but an umask or a pre-existing file must not widen it.
  chmodSync(path, mode);
}
