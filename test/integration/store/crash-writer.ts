// Child process for crash-durability.test.ts: commits deliveries forever through the group
// committer and prints each id once its commit resolved (= the sender would be acknowledged).
import { createGroupCommitter, openDeliveryStore } from '../../../electron/engine/store';
import { makeDelivery } from './store-fixtures';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer <db file>');
const store = openDeliveryStore(file);
const committer = createGroupCommitter(store, { windowMs: 1 });

function commitOne(n: number): void {
  const delivery = makeDelivery({
    body: Uint8Array.from([n % 256, 0, 255]),
    target: `/crash/${n}`,
  });
  committer.commit(delivery).then(
    () => process.stdout.write(`${delivery.id}\n`),
    (error: unknown) => process.stderr.write(`commit failed: ${String(error)}\n`),
  );
}

let n = 0;
// Many in flight at once, like concurrent requests, refilled every turn until killed.
setInterval(() => {
  for (let i = 0; i < 50; i++) commitOne(n++);
}, 1);
