import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allProviders } from '../../../electron/engine/providers/registry';
import { createFileVault, type SecretVault } from '../../../electron/engine/secrets';
import {
  ACCOUNTS_FILE_NAME,
  apiSubscribers,
  createAccountBook,
  defaultAccountId,
  manualSubscribers,
  requireApiSubscriber,
  requireManualSubscriber,
  SubscriptionCapabilityError,
} from '../../../electron/engine/subscriptions';

let dir: string;
let vault: SecretVault;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-capabilities-'));
  vault = createFileVault(join(dir, 'secrets.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('subscription capabilities declared by the providers', () => {
  it('lists API and by-hand providers from the registry, each API one with exactly one secret field', () => {
    expect(apiSubscribers().map(({ provider }) => provider.id)).toEqual(['preservica', 'keyclic']);
    expect(manualSubscribers().map(({ provider }) => provider.id)).toEqual([
      'kanboard',
      'phraseanet',
    ]);
    for (const { api } of apiSubscribers()) {
      expect(api.accountFields.filter((field) => field.kind === 'secret')).toHaveLength(1);
      expect(api.accountFields.find((field) => field.name === 'server')?.kind).toBe('url');
    }
    const withCapability = allProviders.filter((provider) => provider.subscription).length;
    expect(apiSubscribers().length + manualSubscribers().length).toBe(withCapability);
  });

  it('names the providers that can when asked for one that cannot', () => {
    expect(() => requireApiSubscriber('kanboard')).toThrow(SubscriptionCapabilityError);
    expect(() => requireApiSubscriber('github')).toThrow(/providers with one: preservica, keyclic/);
    expect(() => requireManualSubscriber('preservica')).toThrow(/kanboard, phraseanet/);
  });

  it('maps either Keyclic spelling to the API one, and keeps Preservica trigger values', () => {
    const keyclic = requireApiSubscriber('keyclic').api;
    expect(keyclic.apiEvent('report_state_changed')).toBe('reportStateChanged');
    expect(keyclic.apiEvent('reportStateChanged')).toBe('reportStateChanged');
    expect(keyclic.eventSuggestions).toContain('report_created');
    expect(keyclic.eventSuggestions).not.toContain('operation_removed');
    expect(requireApiSubscriber('preservica').api.apiEvent('MOVED')).toBe('MOVED');
  });
});

describe('accounts: a union over the providers with a subscription API', () => {
  it('refuses a provider without an API, a field the provider does not declare, and a missing one', () => {
    const book = createAccountBook(dir, vault);
    expect(() => book.save({ provider: 'kanboard', server: 'https://kb.example' })).toThrow(
      /accounts are for preservica, keyclic/,
    );
    expect(() =>
      book.save({
        provider: 'keyclic',
        server: 'https://api.keyclic.com',
        token: 't',
        organization: 'o',
        username: 'me',
      }),
    ).toThrow(/A Keyclic account has no field username/);
    expect(() =>
      book.save({ provider: 'preservica', server: 'eu.preservica.com', password: 'p' }),
    ).toThrow(/^A Preservica account needs a username\.$/);
  });

  it("fills a field's default and derives the default id from the provider's account label", () => {
    const book = createAccountBook(dir, vault);
    const saved = book.save({ provider: 'keyclic', server: '', token: 't', organization: 'org-1' });
    expect(saved).toEqual({
      id: 'keyclic:org-1:https://api.keyclic.com',
      provider: 'keyclic',
      server: 'https://api.keyclic.com',
      organization: 'org-1',
    });
    expect(
      defaultAccountId({
        provider: 'preservica',
        server: 'eu.preservica.com',
        username: 'me',
        password: 'p',
        tenant: 'ACME',
      }),
    ).toBe('preservica:me@ACME:https://eu.preservica.com');
  });

  it("rejects an accounts file entry with another provider's fields", () => {
    writeFileSync(
      join(dir, ACCOUNTS_FILE_NAME),
      JSON.stringify({
        version: 1,
        accounts: [{ id: 'x', provider: 'keyclic', server: 'https://k', username: 'me' }],
      }),
    );
    expect(() => createAccountBook(dir, vault).list()).toThrow(/not a valid accounts file/);
  });
});
