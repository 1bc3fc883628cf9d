import { createKeyclicClient, createPreservicaClient } from '../engine/subscriptions';
import { parseCommandArgs, UsageError } from './args';
import { dataDirFrom } from './open-existing-store';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  requireApiProvider,
  resolveConnection,
  subscriptionFiles,
} from './subscriptions/provider-connection';

export const UNSUBSCRIBE_HELP = `Usage: hookscope unsubscribe --provider preservica|keyclic ID [options]

Deletes subscription ID at the provider (ids from "hookscope subscriptions") and forgets
Hookscope's record of it.

Options:
  --all                     preservica: delete every subscription of the account
${CONNECTION_HELP}`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function unsubscribeCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, true);
  if (values.help) {
    process.stdout.write(UNSUBSCRIBE_HELP);
    return 0;
  }
  const provider = requireApiProvider(values);
  if (values.all && positionals.length > 0) throw new UsageError('give an ID or --all, not both');
  if (values.all && provider !== 'preservica') throw new UsageError('--all is for preservica only');
  if (!values.all && positionals.length !== 1)
    throw new UsageError('give exactly one subscription ID');
  const files = subscriptionFiles(dataDirFrom(values['data-dir']));
  const { connection, accountId } = resolveConnection(provider, values, files.accounts);
  const forget = (remoteId: string) => {
    const entry = files.registry.findByRemote(provider, accountId, remoteId);
    if (entry) files.registry.remove(entry.id);
  };

  if (connection.provider === 'preservica' && values.all) {
    const removed = await createPreservicaClient(connection).unsubscribeAll();
    if (!removed.ok) throw new Error(removed.error.message);
    for (const id of removed.value.removed) {
      forget(id);
      process.stdout.write(`removed ${id}\n`);
    }
    return 0;
  }
  const id = positionals[0] ?? '';
  const removed =
    connection.provider === 'preservica'
      ? await createPreservicaClient(connection).unsubscribe(id)
      : await createKeyclicClient(connection).remove(id);
  if (!removed.ok) {
    // Gone at the provider already: the record must not outlive it.
    if (removed.error.code === 'not-found') forget(id);
    throw new Error(removed.error.message);
  }
  forget(id);
  process.stdout.write(`removed ${id}\n`);
  return 0;
}
