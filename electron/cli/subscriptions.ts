import { findApiSubscriber } from '../engine/subscriptions';
import { parseCommandArgs } from './args';
import { dataDirFrom } from './open-existing-store';
import {
  apiProviderIds,
  connectionHelp,
  connectionOptions,
  requireApiProvider,
  resolveConnection,
  subscriptionFiles,
} from './subscriptions/provider-connection';

export function subscriptionsHelp(): string {
  return `Usage: hookscope subscriptions --provider ${apiProviderIds().join('|')} [options]

Lists the provider's webhook subscriptions, one per line (tab-separated):
  ID  TRIGGER/EVENT  URL  hookscope|-
"hookscope" marks the ones Hookscope created (and re-points when the public URL changes).
With --accounts, lists the saved provider accounts instead (no secrets).

Options:
  --accounts                list saved accounts
${connectionHelp()}`;
}

const OPTIONS = {
  accounts: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function subscriptionsCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { ...connectionOptions(), ...OPTIONS });
  if (values.help) {
    process.stdout.write(subscriptionsHelp());
    return 0;
  }
  const files = subscriptionFiles(dataDirFrom(values['data-dir']));
  if (values.accounts) {
    for (const account of files.accounts.list()) {
      const who = findApiSubscriber(account.provider)?.api.accountLabel(account) ?? '';
      process.stdout.write(`${account.id}\t${account.provider}\t${account.server}\t${who}\n`);
    }
    return 0;
  }
  const subscriber = requireApiProvider(values);
  const { provider, api } = subscriber;
  const { connection, accountId } = resolveConnection(subscriber, values, files.accounts);
  const mark = (remoteId: string) =>
    files.registry.findByRemote(provider.id, accountId, remoteId) ? 'hookscope' : '-';
  const listed = await api.connect(connection).list();
  if (!listed.ok) throw new Error(listed.error.message);
  for (const item of listed.value)
    process.stdout.write(
      `${[item.id, item.event ?? '?', item.url ?? '?', mark(item.id)].join('\t')}\n`,
    );
  if (listed.value.length === 0)
    process.stderr.write(`hookscope: no ${provider.id} subscriptions\n`);
  return 0;
}
