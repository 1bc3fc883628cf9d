import { createKeyclicClient, createPreservicaClient } from '../engine/subscriptions';
import { parseCommandArgs } from './args';
import { dataDirFrom } from './open-existing-store';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  requireApiProvider,
  resolveConnection,
  subscriptionFiles,
} from './subscriptions/provider-connection';

export const SUBSCRIPTIONS_HELP = `Usage: hookscope subscriptions --provider preservica|keyclic [options]

Lists the provider's webhook subscriptions, one per line (tab-separated):
  ID  TRIGGER/EVENT  URL  hookscope|-
"hookscope" marks the ones Hookscope created (and re-points when the public URL changes).
With --accounts, lists the saved provider accounts instead (no secrets).

Options:
  --accounts                list saved accounts
${CONNECTION_HELP}`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  accounts: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function subscriptionsCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(SUBSCRIPTIONS_HELP);
    return 0;
  }
  const files = subscriptionFiles(dataDirFrom(values['data-dir']));
  if (values.accounts) {
    for (const account of files.accounts.list()) {
      const who = account.provider === 'preservica' ? account.username : account.organization;
      process.stdout.write(`${account.id}\t${account.provider}\t${account.server}\t${who}\n`);
    }
    return 0;
  }
  const provider = requireApiProvider(values);
  const { connection, accountId } = resolveConnection(provider, values, files.accounts);
  const mark = (remoteId: string) =>
    files.registry.findByRemote(provider, accountId, remoteId) ? 'hookscope' : '-';
  const rows: string[][] = [];
  if (connection.provider === 'preservica') {
    const listed = await createPreservicaClient(connection).list();
    if (!listed.ok) throw new Error(listed.error.message);
    for (const item of listed.value)
      rows.push([item.id, item.triggerType ?? '?', item.url ?? '?', mark(item.id)]);
  } else {
    const listed = await createKeyclicClient(connection).list();
    if (!listed.ok) throw new Error(listed.error.message);
    for (const item of listed.value)
      rows.push([item.id, item.event ?? '?', item.payloadUrl ?? '?', mark(item.id)]);
  }
  for (const row of rows) process.stdout.write(`${row.join('\t')}\n`);
  if (rows.length === 0) process.stderr.write(`hookscope: no ${provider} subscriptions\n`);
  return 0;
}
