import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ApiSubscription } from '../providers/types';
import { writeFileAtomic } from '../secrets/atomic-file';
import type { SecretVault } from '../secrets/types';
import { apiSubscribers, findApiSubscriber, secretFieldOf } from './capabilities';
import { normalizeServerUrl } from './http-call';

/** Ids of the providers whose webhooks Hookscope can register through an API. */
export type ApiProvider = string;

/**
 * What it takes to call a provider's API, secret included (never persisted in this shape): the
 * provider id plus the fields its subscription capability declares (`accountFields`).
 */
export interface ProviderConnection {
  provider: string;
  server: string;
  [field: string]: string;
}

/** An account's non-secret settings: what the accounts file holds. */
export interface ProviderAccount {
  id: string;
  provider: string;
  server: string;
  [field: string]: string;
}

/**
 * The accounts file entry: a union with one member per provider that declares a subscription API,
 * each strict about that provider's own fields. Built on first use, from the provider registry.
 */
let accountSchema: z.ZodType<ProviderAccount> | null = null;
function providerAccountSchema(): z.ZodType<ProviderAccount> {
  if (accountSchema) return accountSchema;
  const members = apiSubscribers().map(({ provider, api }) =>
    z.strictObject({
      id: z.string().min(1),
      provider: z.literal(provider.id),
      ...Object.fromEntries(
        api.accountFields
          .filter((field) => field.kind !== 'secret')
          .map((field) => {
            const value = z.string().min(1).max(field.maxLength);
            return [field.name, field.optional ? value.optional() : value];
          }),
      ),
    }),
  );
  const [first, ...rest] = members;
  if (!first) throw new Error('no provider declares a subscription API');
  accountSchema = z.discriminatedUnion('provider', [
    first,
    ...rest,
  ]) as unknown as z.ZodType<ProviderAccount>;
  return accountSchema;
}

export const ACCOUNTS_FILE_NAME = 'provider-accounts.json';

/** The vault key of an account's password (Preservica) or token (Keyclic). */
export function accountSecretKey(accountId: string): string {
  return `account:${accountId}`;
}

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

export interface AccountBook {
  list(): ProviderAccount[];
  get(id: string): ProviderAccount | null;
  /** Stores the settings in the accounts file and the password/token in the vault. */
  save(connection: ProviderConnection, id?: string): ProviderAccount;
  remove(id: string): boolean;
  /** Settings plus secret, ready for a client; throws AccountError when the secret is gone. */
  connection(id: string): ProviderConnection;
}

function apiOf(providerId: string): { name: string; api: ApiSubscription } {
  const found = findApiSubscriber(providerId);
  if (!found) {
    const known = apiSubscribers().map(({ provider }) => provider.id);
    throw new AccountError(
      `"${providerId}" has no webhook API Hookscope can use; accounts are for ${known.join(', ')}.`,
    );
  }
  return { name: found.provider.name, api: found.api };
}

/** "a username", "an API token", "an organization id" */
function withArticle(label: string): string {
  const lower = /^[A-Z][a-z]/.test(label)
    ? `${label[0]?.toLowerCase() ?? ''}${label.slice(1)}`
    : label;
  // "a username" but "an API token": a leading u is mostly read "you".
  return `${/^[aeio]/i.test(lower) ? 'an' : 'a'} ${lower}`;
}

/** Splits a connection into what may be written in plain JSON and the secret that may not. */
export function splitConnection(
  connection: ProviderConnection,
  id: string,
): { account: ProviderAccount; secret: string } {
  const { name, api } = apiOf(connection.provider);
  const known = new Set(['provider', ...api.accountFields.map((field) => field.name)]);
  const unknown = Object.keys(connection).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new AccountError(`A ${name} account has no field ${unknown.join(', ')}.`);
  const account: ProviderAccount = { id, provider: connection.provider, server: '' };
  let secret = '';
  for (const field of api.accountFields) {
    const given = connection[field.name];
    const value = given === undefined || given === '' ? field.default : given;
    if (value === undefined || value === '') {
      if (field.optional) continue;
      throw new AccountError(`A ${name} account needs ${withArticle(field.label)}.`);
    }
    if (value.length > field.maxLength)
      throw new AccountError(`The ${field.label} is longer than ${field.maxLength} characters.`);
    if (field.kind === 'secret') {
      secret = value;
    } else if (field.kind === 'url') {
      const normalized = normalizeServerUrl(value);
      if (normalized === null)
        throw new AccountError(`"${value}" is not an http(s) server address.`);
      account[field.name] = normalized;
    } else {
      account[field.name] = value;
    }
  }
  return { account, secret };
}

/** The default id: one account per provider, server and user/organization. */
export function defaultAccountId(connection: ProviderConnection): string {
  const { api } = apiOf(connection.provider);
  // The server as it will be saved: the field's default when none is given, normalized.
  const given = connection.server || api.accountFields.find((f) => f.name === 'server')?.default;
  const server = (given && normalizeServerUrl(given)) ?? given ?? '';
  return `${connection.provider}:${api.accountLabel(connection)}:${server}`;
}

/** Provider accounts in `<dataDir>/provider-accounts.json`, their secrets in the vault. */
export function createAccountBook(dataDir: string, vault: SecretVault): AccountBook {
  const file = join(dataDir, ACCOUNTS_FILE_NAME);

  function load(): ProviderAccount[] {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new AccountError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new AccountError(
        `${file} is not JSON (${(error as Error).message}); fix or remove it.`,
      );
    }
    const parsed = z
      .strictObject({ version: z.literal(1), accounts: z.array(providerAccountSchema()) })
      .safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AccountError(
        `${file} is not a valid accounts file: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      );
    }
    return parsed.data.accounts;
  }

  function store(accounts: ProviderAccount[]): void {
    writeFileAtomic(file, `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`);
  }

  return {
    list: load,
    get: (id) => load().find((account) => account.id === id) ?? null,
    save(connection, id = defaultAccountId(connection)) {
      const { account, secret } = splitConnection(connection, id);
      // Secret first: an account listed without its secret would be unusable.
      vault.set(accountSecretKey(id), secret);
      store([...load().filter((existing) => existing.id !== id), account]);
      return account;
    },
    remove(id) {
      const accounts = load();
      const kept = accounts.filter((account) => account.id !== id);
      if (kept.length !== accounts.length) store(kept);
      vault.delete(accountSecretKey(id));
      return kept.length !== accounts.length;
    },
    connection(id) {
      const account = load().find((candidate) => candidate.id === id);
      if (!account) throw new AccountError(`No provider account "${id}".`);
      const secretField = secretFieldOf(apiOf(account.provider).api);
      const secret = vault.get(accountSecretKey(id));
      if (secret === null) {
        throw new AccountError(
          `The ${secretField.label.replace(/^[A-Z][a-z]/, (start) => start.toLowerCase())} of account "${id}" is missing from the secret store; save the account again.`,
        );
      }
      const { id: _id, ...settings } = account;
      return { ...settings, [secretField.name]: secret };
    },
  };
}
