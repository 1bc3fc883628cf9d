import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file';
import type { SecretVault } from './types';

export class VaultFileError extends Error {
  constructor(path: string, reason: string) {
    super(
      `The secrets file ${path} cannot be read: ${reason}. Fix or remove it; Hookscope will not overwrite it.`,
    );
    this.name = 'VaultFileError';
  }
}

/**
 * The headless secret store: one JSON object `{key: value}` in a 0600 file. Every change rewrites
 * the whole file atomically; the file is read on each call so two Hookscope processes sharing a data
 * folder see each other's changes.
 */
export function createFileVault(path: string): SecretVault {
  function load(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return Object.create(null) as Record<string, string>;
      throw new VaultFileError(path, (error as Error).message);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new VaultFileError(path, `not JSON (${(error as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new VaultFileError(path, 'expected a JSON object of key/value strings');
    }
    // No prototype: a key named "__proto__" must be stored like any other.
    const secrets: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string')
        throw new VaultFileError(path, `the value of "${key}" is not a string`);
      secrets[key] = value;
    }
    return secrets;
  }

  function save(secrets: Record<string, string>): void {
    writeFileAtomic(path, `${JSON.stringify(secrets, null, 2)}\n`);
  }

  return {
    get(key) {
      const secrets = load();
      return Object.hasOwn(secrets, key) ? (secrets[key] ?? null) : null;
    },
    set(key, value) {
      const secrets = load();
      secrets[key] = value;
      save(secrets);
    },
    delete(key) {
      const secrets = load();
      if (!Object.hasOwn(secrets, key)) return;
      delete secrets[key];
      save(secrets);
    },
  };
}
