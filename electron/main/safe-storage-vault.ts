// Endpoint secrets, provider passwords and tokens under Electron: encrypted with the OS keychain
// through safeStorage, kept in one 0600 file in userData. Same SecretVault interface as the
// headless file vault, so the engine never knows which one it has.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../engine/secrets/atomic-file';
import type { SecretVault } from '../engine/secrets/types';

/** The part of Electron's safeStorage this vault uses (injected: tests run without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SafeStorageVaultError extends Error {
  override name = 'SafeStorageVaultError';
}

/** `{key: base64(encrypted value)}`: keys are names, not secrets, so only values are encrypted. */
export function createSafeStorageVault(safeStorage: SafeStorageLike, file: string): SecretVault {
  function load(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return Object.create(null) as Record<string, string>;
      throw new SafeStorageVaultError(`${file} cannot be read: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new SafeStorageVaultError(
        `${file} is not JSON (${(error as Error).message}); fix or remove it`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new SafeStorageVaultError(`${file} should hold a JSON object; fix or remove it`);
    }
    const entries: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string') entries[key] = value;
    }
    return entries;
  }

  function save(entries: Record<string, string>): void {
    writeFileAtomic(file, `${JSON.stringify(entries, null, 2)}\n`);
  }

  function requireEncryption(): void {
    // Refuse rather than store a secret in the clear when the OS offers no keychain.
    if (!safeStorage.isEncryptionAvailable()) {
      throw new SafeStorageVaultError(
        'the OS keychain is not available (safeStorage), so the secret cannot be stored safely',
      );
    }
  }

  return {
    get(key) {
      const entries = load();
      if (!Object.hasOwn(entries, key)) return null;
      requireEncryption();
      try {
        return safeStorage.decryptString(Buffer.from(entries[key] as string, 'base64'));
      } catch (error) {
        throw new SafeStorageVaultError(
          `the secret "${key}" cannot be decrypted (keychain changed?): ${(error as Error).message}`,
        );
      }
    },
    set(key, value) {
      requireEncryption();
      const entries = load();
      entries[key] = safeStorage.encryptString(value).toString('base64');
      save(entries);
    },
    delete(key) {
      const entries = load();
      if (!Object.hasOwn(entries, key)) return;
      delete entries[key];
      save(entries);
    },
  };
}
