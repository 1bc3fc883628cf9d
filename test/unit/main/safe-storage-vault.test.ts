import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSafeStorageVault,
  type SafeStorageLike,
} from '../../../electron/main/safe-storage-vault';

/** Stands in for Electron's safeStorage: a reversible transform that is visibly not plain text. */
function fakeSafeStorage(available = true): SafeStorageLike & { encrypted: number } {
  const fake = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    encryptString(plain: string) {
      fake.encrypted += 1;
      return Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`);
    },
    decryptString(encrypted: Buffer) {
      const text = encrypted.toString();
      if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
      return Buffer.from(text.slice(4), 'hex').toString();
    },
  };
  return fake;
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-safe-storage-'));
  file = join(dir, 'secrets.enc.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createSafeStorageVault', () => {
  it('stores values encrypted in a 0600 file and reads them back', () => {
    const storage = fakeSafeStorage();
    const vault = createSafeStorageVault(storage, file);
    expect(vault.get('endpoint-secrets:/hook')).toBeNull();
    vault.set('endpoint-secrets:/hook', '["s3cret-value"]');
    expect(storage.encrypted).toBe(1);
    expect(vault.get('endpoint-secrets:/hook')).toBe('["s3cret-value"]');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret-value');
    // A second vault over the same file (next app start) sees the value.
    expect(createSafeStorageVault(storage, file).get('endpoint-secrets:/hook')).toBe(
      '["s3cret-value"]',
    );
  });

  it('deletes values and leaves the others', () => {
    const vault = createSafeStorageVault(fakeSafeStorage(), file);
    vault.set('a', '1');
    vault.set('b', '2');
    vault.delete('a');
    vault.delete('missing');
    expect(vault.get('a')).toBeNull();
    expect(vault.get('b')).toBe('2');
  });

  it('refuses to store a secret when the OS keychain is unavailable, rather than in clear', () => {
    const vault = createSafeStorageVault(fakeSafeStorage(false), file);
    expect(() => vault.set('a', 'secret')).toThrow(/keychain is not available/);
    expect(() => readFileSync(file)).toThrow();
  });

  it('names the problem when the file is damaged or a value cannot be decrypted', () => {
    writeFileSync(file, '{not json');
    expect(() => createSafeStorageVault(fakeSafeStorage(), file).get('a')).toThrow(
      /is not JSON.*fix or remove it/,
    );
    writeFileSync(file, JSON.stringify({ a: Buffer.from('garbage').toString('base64') }));
    expect(() => createSafeStorageVault(fakeSafeStorage(), file).get('a')).toThrow(
      /"a" cannot be decrypted/,
    );
  });
});
