import { join } from 'node:path';
import { createFileVault } from '../../engine/secrets';
import {
  apiSubscribers,
  createAccountBook,
  createSubscriptionRegistry,
  defaultAccountId,
  findApiSubscriber,
  type AccountBook,
  type ApiSubscriber,
  type ProviderConnection,
  type SubscriptionRegistry,
} from '../../engine/subscriptions';
import { UsageError } from '../args';

/*
 * Flags naming a provider account (subscribe, subscriptions, unsubscribe). The account flags are
 * the fields the providers' subscription capabilities declare (providers/<id>/subscription.ts), so
 * a provider that gains a subscription API gets its flags and help text here by itself.
 */

type StringFlag = { type: 'string' };

/** `--<field>` for every account field of every provider with a subscription API. */
function accountFieldOptions(): Record<string, StringFlag> {
  return Object.fromEntries(
    apiSubscribers().flatMap(({ api }) =>
      api.accountFields.map((field) => [field.name, { type: 'string' } as StringFlag]),
    ),
  );
}

const STATIC_CONNECTION_OPTIONS = {
  provider: { type: 'string' },
  account: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

/** Every connection flag, account fields included; spread it into a command's options. */
export function connectionOptions(): typeof STATIC_CONNECTION_OPTIONS & Record<string, StringFlag> {
  return { ...accountFieldOptions(), ...STATIC_CONNECTION_OPTIONS };
}

/** The provider ids `--provider` takes for API subscriptions. */
export function apiProviderIds(): string[] {
  return apiSubscribers().map(({ provider }) => provider.id);
}

function fieldHelp({ provider, api }: ApiSubscriber): string {
  const flags = api.accountFields.map((field) => {
    const flag = field.kind === 'url' ? `--${field.name} URL` : `--${field.name}`;
    const env = field.env ? ` / ${field.env}` : '';
    const notes = [
      field.default ? `default ${field.default}` : '',
      field.optional ? 'optional' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `${flag}${env}${notes ? ` (${notes})` : ''}`;
  });
  return `  ${`${provider.name}:`.padEnd(12)}${flags.join(', ')}`;
}

export function connectionHelp(): string {
  return `Provider account (first found wins; environment names are the providers' own SDKs'):
  --provider ${apiProviderIds().join('|')}
  --account ID              a saved account (see "hookscope subscriptions --accounts")
${apiSubscribers().map(fieldHelp).join('\n')}
  Prefer the environment or a saved account: a secret given as a flag shows in "ps".
  --data-dir DIR            where accounts, subscriptions and secrets are kept
`;
}

/** What the connection flags parse to: `provider`, `account` and each account field by name. */
export type ConnectionFlags = Readonly<Record<string, string | boolean | undefined>>;

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

/** The provider of `--provider`, which must have a subscription API. */
export function requireApiProvider(flags: ConnectionFlags): ApiSubscriber {
  const id = flags['provider'];
  const ids = apiProviderIds();
  if (typeof id !== 'string') throw new UsageError(`--provider is required (${ids.join(' or ')})`);
  const subscriber = findApiSubscriber(id);
  if (!subscriber) throw new UsageError(`--provider must be one of ${ids.join(', ')}, got "${id}"`);
  return subscriber;
}

/**
 * The connection from flags, the environment, or a saved account. Returns the account id the
 * connection is (or would be) saved under, so records made with it can be found again.
 */
export function resolveConnection(
  subscriber: ApiSubscriber,
  flags: ConnectionFlags,
  accounts: AccountBook,
  env: NodeJS.ProcessEnv = process.env,
): { connection: ProviderConnection; accountId: string } {
  const { provider, api } = subscriber;
  const fromFlagsOrEnv = connectionFrom(subscriber, flags, env);
  if (fromFlagsOrEnv)
    return { connection: fromFlagsOrEnv, accountId: defaultAccountId(fromFlagsOrEnv) };
  const account = flags['account'];
  if (typeof account === 'string') {
    const connection = accounts.connection(account);
    if (connection.provider !== provider.id) {
      throw new UsageError(
        `account "${account}" is a ${connection.provider} account, not ${provider.id}`,
      );
    }
    return { connection, accountId: account };
  }
  const saved = accounts.list().filter((item) => item.provider === provider.id);
  if (saved.length === 1 && saved[0])
    return { connection: accounts.connection(saved[0].id), accountId: saved[0].id };
  const required = api.accountFields.filter((field) => !field.optional && !field.default);
  const flagNames = required.map((field) => `--${field.name}`);
  const envNames = required.flatMap((field) => (field.env ? [field.env] : []));
  const needs = `${listed(flagNames)}${envNames.length > 0 ? ` (or ${envNames.join(', ')})` : ''}`;
  const choice =
    saved.length > 1
      ? `, or --account (one of ${saved.map((a) => a.id).join(', ')})`
      : ', or --account ID';
  throw new UsageError(`${provider.id} needs ${needs}${choice}`);
}

/** "--a", "--a and --b", "--a, --b and --c" */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * The account fields from flags, else the environment. null when none of the required fields is
 * given (the caller then looks for a saved account); an error when only some are.
 */
function connectionFrom(
  { provider, api }: ApiSubscriber,
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
): ProviderConnection | null {
  const given = (name: string, envName: string | undefined): string | undefined => {
    const flag = flags[name];
    if (typeof flag === 'string') return flag;
    return envName ? env[envName] : undefined;
  };
  const required = api.accountFields.filter((field) => !field.optional && !field.default);
  if (required.every((field) => !given(field.name, field.env))) return null;
  const missing = required.filter((field) => !given(field.name, field.env));
  if (missing.length > 0) {
    const names = missing.map((field) =>
      field.kind === 'secret' && field.env
        ? `--${field.name} (or ${field.env})`
        : `--${field.name}`,
    );
    throw new UsageError(`${provider.id} also needs ${names.join(', ')}`);
  }
  const connection: ProviderConnection = { provider: provider.id, server: '' };
  for (const field of api.accountFields) {
    const value = given(field.name, field.env) ?? field.default;
    if (value) connection[field.name] = value;
  }
  return connection;
}
