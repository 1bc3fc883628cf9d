import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileVault, VaultFileError } from '../../../electron/engine/secrets';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file vault', () => {
  it('stores, reads back from a new instance, and deletes secrets', () => {
    const path = join(dir, 'nested', 'secrets.json');
    const vault = createFileVault(path);
    expect(vault.get('account:x')).toBeNull();
    vault.set('account:x', 'p@ss wörd');
    vault.set('__proto__', 'still a key');
    expect(createFileVault(path).get('account:x')).toBe('p@ss wörd');
    expect(createFileVault(path).get('__proto__')).toBe('still a key');
    expect(createFileVault(path).get('toString')).toBeNull();
    vault.delete('account:x');
    expect(vault.get('account:x')).toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ ['__proto__']: 'still a key' });
  });

  it('keeps the file at mode 0600 and leaves no temp file behind', () => {
    const path = join(dir, 'secrets.json');
    writeFileSync(path, '{}', { mode: 0o644 });
    createFileVault(path).set('k', 'v');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('refuses a damaged file with a clear error and does not overwrite it', () => {
    const path = join(dir, 'secrets.json');
    writeFileSync(path, '{"k": 1');
    const vault = createFileVault(path);
    expect(() => vault.get('k')).toThrow(VaultFileError);
    expect(() => vault.set('k', 'v')).toThrow(/cannot be read: not JSON/);
    expect(readFileSync(path, 'utf8')).toBe('{"k": 1');
    writeFileSync(path, '{"k": 1}');
    expect(() => vault.get('k')).toThrow(/value of "k" is not a string/);
  });
});
