import { join } from 'node:path';
import { createFileVault } from '../../engine/secrets';
import {
  createAccountBook,
  createSubscriptionRegistry,
  defaultAccountId,
  type AccountBook,
  type ProviderConnection,
  type SubscriptionRegistry,
} from '../../engine/subscriptions';
import { parseChoice, UsageError } from '../args';

/** Flags naming a provider account (subscribe, subscriptions, unsubscribe). */
export const CONNECTION_OPTIONS = {
  provider: { type: 'string' },
  account: { type: 'string' },
  server: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  tenant: { type: 'string' },
  token: { type: 'string' },
  organization: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export const CONNECTION_HELP = `Provider account (first found wins; env names are pyPreservica's own):
  --provider preservica|keyclic
  --account ID              a saved account (see "hookscope subscriptions --accounts")
  Preservica: --server URL / PRESERVICA_SERVER, --username / PRESERVICA_USERNAME,
              --password / PRESERVICA_PASSWORD, --tenant / PRESERVICA_TENANT (optional)
  Keyclic:    --server URL / KEYCLIC_SERVER (default https://api.keyclic.com),
              --token / KEYCLIC_TOKEN, --organization / KEYCLIC_ORGANIZATION
  Prefer the environment or a saved account: a --password flag shows in "ps".
  --data-dir DIR            where accounts, subscriptions and secrets are kept
`;

export interface ConnectionFlags {
  provider?: string;
  account?: string;
  server?: string;
  username?: string;
  password?: string;
  tenant?: string;
  token?: string;
  organization?: string;
}

export const API_PROVIDERS = ['preservica', 'keyclic'] as const;
export type ApiProviderName = (typeof API_PROVIDERS)[number];

export interface SubscriptionFiles {
  accounts: AccountBook;
  registry: SubscriptionRegistry;
}

export function subscriptionFiles(dataDir: string): SubscriptionFiles {
  const vault = createFileVault(join(dataDir, 'secrets.json'));
  return {
    accounts: createAccountBook(dataDir, vault),
    registry: createSubscriptionRegistry(dataDir, vault),
  };
}

export function requireApiProvider(flags: ConnectionFlags): ApiProviderName {
  const provider = parseChoice(flags.provider, 'provider', API_PROVIDERS);
  if (!provider) throw new UsageError(`--provider is required (${API_PROVIDERS.join(' or ')})`);
  return provider;
}

/**
 * The connection from flags, the environment, or a saved account. Returns the account id the
 * connection is (or would be) saved under, so records made with it can be found again.
 */
export function resolveConnection(
  provider: ApiProviderName,
  flags: ConnectionFlags,
  accounts: AccountBook,
  env: NodeJS.ProcessEnv = process.env,
): { connection: ProviderConnection; accountId: string } {
  const fromFlagsOrEnv =
    provider === 'preservica' ? preservicaFrom(flags, env) : keyclicFrom(flags, env);
  if (fromFlagsOrEnv)
    return { connection: fromFlagsOrEnv, accountId: defaultAccountId(fromFlagsOrEnv) };
  if (flags.account) {
    const connection = accounts.connection(flags.account);
    if (connection.provider !== provider) {
      throw new UsageError(
        `account "${flags.account}" is a ${connection.provider} account, not ${provider}`,
      );
    }
    return { connection, accountId: flags.account };
  }
  const saved = accounts.list().filter((account) => account.provider === provider);
  if (saved.length === 1 && saved[0])
    return { connection: accounts.connection(saved[0].id), accountId: saved[0].id };
  const needs =
    provider === 'preservica'
      ? '--server, --username and --password (or PRESERVICA_SERVER, PRESERVICA_USERNAME, PRESERVICA_PASSWORD)'
      : '--token and --organization (or KEYCLIC_TOKEN, KEYCLIC_ORGANIZATION)';
  const choice =
    saved.length > 1
      ? `, or --account (one of ${saved.map((a) => a.id).join(', ')})`
      : ', or --account ID';
  throw new UsageError(`${provider} needs ${needs}${choice}`);
}

function preservicaFrom(flags: ConnectionFlags, env: NodeJS.ProcessEnv): ProviderConnection | null {
  const server = flags.server ?? env.PRESERVICA_SERVER;
  const username = flags.username ?? env.PRESERVICA_USERNAME;
  const password = flags.password ?? env.PRESERVICA_PASSWORD;
  const tenant = flags.tenant ?? env.PRESERVICA_TENANT;
  if (!server && !username && !password) return null;
  const missing = [
    !server && '--server',
    !username && '--username',
    !password && '--password (or PRESERVICA_PASSWORD)',
  ].filter(Boolean);
  if (missing.length > 0 || !server || !username || !password) {
    throw new UsageError(`preservica also needs ${missing.join(', ')}`);
  }
  return { provider: 'preservica', server, username, password, ...(tenant ? { tenant } : {}) };
}

function keyclicFrom(flags: ConnectionFlags, env: NodeJS.ProcessEnv): ProviderConnection | null {
  const token = flags.token ?? env.KEYCLIC_TOKEN;
  const organization = flags.organization ?? env.KEYCLIC_ORGANIZATION;
  if (!token && !organization) return null;
  if (!token || !organization) {
    throw new UsageError(
      `keyclic also needs ${token ? '--organization' : '--token (or KEYCLIC_TOKEN)'}`,
    );
  }
  const server = flags.server ?? env.KEYCLIC_SERVER ?? 'https://api.keyclic.com';
  return { provider: 'keyclic', server, token, organization };
}
