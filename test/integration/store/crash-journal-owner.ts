// Child process for journal-damage.test.ts and journal-lock.test.ts: owns a capture journal the
// way a capturing store does (claimJournalName takes its lock), writes `count` records into it
// with no materializer (so they stay journal-only), prints `ready <journal name> <ids...>`, then
// stays alive, holding the lock, until it is killed.
import { join } from 'node:path';
import {
  claimJournalName,
  journalDirectory,
} from '../../../electron/engine/store/journal-recovery';
import { JournalWriter } from '../../../electron/engine/store/journal-writer';
import { makeDelivery } from './store-fixtures';

const [file, countText] = process.argv.slice(2);
if (!file || !countText) throw new Error('usage: crash-journal-owner <db file> <count>');
const name = claimJournalName(file);
const writer = new JournalWriter(join(journalDirectory(file), name), {
  onWritten: () => undefined,
});
const deliveries = Array.from({ length: Number(countText) }, (_, i) =>
  makeDelivery({ target: `/owned/${i}` }),
);
await Promise.all(deliveries.map((delivery) => writer.commit(delivery)));
process.stdout.write(`ready ${name} ${deliveries.map((delivery) => delivery.id).join(' ')}\n`);
setInterval(() => undefined, 60_000);
