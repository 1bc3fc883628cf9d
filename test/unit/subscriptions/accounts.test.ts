import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileVault, type SecretVault } from '../../../electron/engine/secrets';
import {
  ACCOUNTS_FILE_NAME,
  AccountError,
  createAccountBook,
  normalizeServerUrl,
} from '../../../electron/engine/subscriptions';

let dir: string;
let vault: SecretVault;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-accounts-'));
  vault = createFileVault(join(dir, 'secrets.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('provider accounts', () => {
  it('keeps passwords and tokens out of the accounts file and puts them back together', () => {
    const book = createAccountBook(dir, vault);
    const preservica = book.save({
      provider: 'preservica',
      server: 'eu.preservica.com/',
      username: 'me',
      password: 's3cret!',
      tenant: 'ACME',
    });
    const keyclic = book.save({
      provider: 'keyclic',
      server: 'https://api.keyclic.com',
      token: 'jwt-token',
      organization: 'org-1',
    });

    const file = readFileSync(join(dir, ACCOUNTS_FILE_NAME), 'utf8');
    expect(file).not.toContain('s3cret!');
    expect(file).not.toContain('jwt-token');
    expect(book.list().map((account) => account.server)).toEqual([
      'https://eu.preservica.com',
      'https://api.keyclic.com',
    ]);

    expect(createAccountBook(dir, vault).connection(preservica.id)).toEqual({
      provider: 'preservica',
      server: 'https://eu.preservica.com',
      username: 'me',
      password: 's3cret!',
      tenant: 'ACME',
    });
    expect(book.connection(keyclic.id)).toMatchObject({
      token: 'jwt-token',
      organization: 'org-1',
    });

    expect(book.remove(keyclic.id)).toBe(true);
    expect(vault.get(`account:${keyclic.id}`)).toBeNull();
  });

  it('says what is wrong: missing secret, bad server, damaged file', () => {
    const book = createAccountBook(dir, vault);
    const account = book.save({
      provider: 'keyclic',
      server: 'https://api.keyclic.com',
      token: 't',
      organization: 'o',
    });
    vault.delete(`account:${account.id}`);
    expect(() => book.connection(account.id)).toThrow(
      /token of account .* is missing from the secret store/,
    );
    expect(() =>
      book.save({ provider: 'keyclic', server: 'ftp://x', token: 't', organization: 'o' }),
    ).toThrow(AccountError);
    writeFileSync(
      join(dir, ACCOUNTS_FILE_NAME),
      '{"version":1,"accounts":[{"id":"x","provider":"other"}]}',
    );
    expect(() => book.list()).toThrow(/not a valid accounts file/);
  });

  it('normalizes server addresses', () => {
    expect(normalizeServerUrl('eu.preservica.com')).toBe('https://eu.preservica.com');
    expect(normalizeServerUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(normalizeServerUrl('https://h/x?y=1')).toBeNull();
    expect(normalizeServerUrl('ftp://h')).toBeNull();
  });
});
