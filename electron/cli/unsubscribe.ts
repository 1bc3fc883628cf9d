import { apiSubscribers } from '../engine/subscriptions';
import { parseCommandArgs, UsageError } from './args';
import { dataDirFrom } from './open-existing-store';
import {
  apiProviderIds,
  connectionHelp,
  connectionOptions,
  requireApiProvider,
  resolveConnection,
  subscriptionFiles,
} from './subscriptions/provider-connection';

export function unsubscribeHelp(): string {
  const all = apiSubscribers()
    .filter(({ api }) => api.unsubscribeAll)
    .map(({ provider }) => provider.id);
  return `Usage: hookscope unsubscribe --provider ${apiProviderIds().join('|')} ID [options]

Deletes subscription ID at the provider (ids from "hookscope subscriptions") and forgets
Hookscope's record of it.

Options:
  --all                     ${all.join(', ')}: delete every subscription of the account
${connectionHelp()}`;
}

const OPTIONS = {
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function unsubscribeCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...connectionOptions(), ...OPTIONS },
    true,
  );
  if (values.help) {
    process.stdout.write(unsubscribeHelp());
    return 0;
  }
  const subscriber = requireApiProvider(values);
  const { provider, api } = subscriber;
  if (values.all && positionals.length > 0) throw new UsageError('give an ID or --all, not both');
  if (values.all && !api.unsubscribeAll)
    throw new UsageError(`--all is not offered for ${provider.id}`);
  if (!values.all && positionals.length !== 1)
    throw new UsageError('give exactly one subscription ID');
  const files = subscriptionFiles(dataDirFrom(values['data-dir']));
  const { connection, accountId } = resolveConnection(subscriber, values, files.accounts);
  const client = api.connect(connection);
  const forget = (remoteId: string) => {
    const entry = files.registry.findByRemote(provider.id, accountId, remoteId);
    if (entry) files.registry.remove(entry.id);
  };

  if (values.all) {
    // Lists, then deletes each; on a failure midway the error says which were already removed.
    const listed = await client.list();
    if (!listed.ok) throw new Error(listed.error.message);
    const removed: string[] = [];
    for (const { id } of listed.value) {
      const outcome = await client.unsubscribe(id);
      if (!outcome.ok) {
        const done =
          removed.length > 0 ? `Already removed: ${removed.join(', ')}. ` : 'None was removed. ';
        throw new Error(`${done}Stopped at ${id}: ${outcome.error.message}`);
      }
      forget(id);
      removed.push(id);
      process.stdout.write(`removed ${id}\n`);
    }
    return 0;
  }
  const id = positionals[0] ?? '';
  const removed = await client.unsubscribe(id);
  if (!removed.ok) {
    // Gone at the provider already: the record must not outlive it.
    if (removed.error.code === 'not-found') forget(id);
    throw new Error(removed.error.message);
  }
  forget(id);
  process.stdout.write(`removed ${id}\n`);
  return 0;
}
