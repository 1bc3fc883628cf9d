import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../secrets/atomic-file';
import type { SecretVault } from '../secrets/types';
import { normalizeServerUrl } from './http-call';

/** Providers whose webhooks Hookscope can register through an API. */
export type ApiProvider = 'preservica' | 'keyclic';

/** What it takes to call Preservica's API, secret included (never persisted in this shape). */
export interface PreservicaConnection {
  provider: 'preservica';
  /** Base URL, e.g. https://eu.preservica.com */
  server: string;
  username: string;
  password: string;
  /** Preservica's login finds the tenant itself when the user belongs to only one. */
  tenant?: string;
}

export interface KeyclicConnection {
  provider: 'keyclic';
  /** Base URL, e.g. https://api.keyclic.com */
  server: string;
  token: string;
  /** Keyclic webhooks belong to an organization (uuid). */
  organization: string;
}

export type ProviderConnection = PreservicaConnection | KeyclicConnection;

const PreservicaAccount = z.strictObject({
  id: z.string().min(1),
  provider: z.literal('preservica'),
  server: z.string().min(1),
  username: z.string().min(1),
  tenant: z.string().min(1).optional(),
});
const KeyclicAccount = z.strictObject({
  id: z.string().min(1),
  provider: z.literal('keyclic'),
  server: z.string().min(1),
  organization: z.string().min(1),
});
const ProviderAccount = z.discriminatedUnion('provider', [PreservicaAccount, KeyclicAccount]);
const AccountsFile = z.strictObject({ version: z.literal(1), accounts: z.array(ProviderAccount) });

/** An account's non-secret settings: what the accounts file holds. */
export type ProviderAccount = z.infer<typeof ProviderAccount>;
export type PreservicaAccount = z.infer<typeof PreservicaAccount>;
export type KeyclicAccount = z.infer<typeof KeyclicAccount>;

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

/** Splits a connection into what may be written in plain JSON and the secret that may not. */
export function splitConnection(
  connection: ProviderConnection,
  id: string,
): { account: ProviderAccount; secret: string } {
  const server = normalizeServerUrl(connection.server);
  if (server === null)
    throw new AccountError(`"${connection.server}" is not an http(s) server address.`);
  if (connection.provider === 'preservica') {
    if (!connection.username) throw new AccountError('A Preservica account needs a username.');
    if (!connection.password) throw new AccountError('A Preservica account needs a password.');
    const account: PreservicaAccount = {
      id,
      provider: 'preservica',
      server,
      username: connection.username,
    };
    if (connection.tenant) account.tenant = connection.tenant;
    return { account, secret: connection.password };
  }
  if (!connection.token) throw new AccountError('A Keyclic account needs an API token.');
  if (!connection.organization)
    throw new AccountError('A Keyclic account needs an organization id.');
  return {
    account: { id, provider: 'keyclic', server, organization: connection.organization },
    secret: connection.token,
  };
}

/** The default id: one account per provider, server and user/organization. */
export function defaultAccountId(connection: ProviderConnection): string {
  const server = normalizeServerUrl(connection.server) ?? connection.server;
  const who =
    connection.provider === 'preservica'
      ? `${connection.username}@${connection.tenant ?? ''}`
      : connection.organization;
  return `${connection.provider}:${who}:${server}`;
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
    const parsed = AccountsFile.safeParse(json);
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
      const secret = vault.get(accountSecretKey(id));
      if (secret === null) {
        throw new AccountError(
          `The ${account.provider === 'preservica' ? 'password' : 'token'} of account "${id}" is missing from the secret store; save the account again.`,
        );
      }
      return account.provider === 'preservica'
        ? {
            provider: 'preservica',
            server: account.server,
            username: account.username,
            password: secret,
            ...(account.tenant ? { tenant: account.tenant } : {}),
          }
        : {
            provider: 'keyclic',
            server: account.server,
            organization: account.organization,
            token: secret,
          };
    },
  };
}
