// Child process for crash-durability.test.ts: captures deliveries forever (capture mode: the
// journal, then rows) and prints each id once its capture resolved (= the sender was acknowledged).
import { openDeliveryStore } from '../../../electron/engine/store';
import { makeDelivery } from './store-fixtures';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer <db file>');
const store = openDeliveryStore(file, { capture: { windowMs: 1 } });

function captureOne(n: number): void {
  const delivery = makeDelivery({
    body: Uint8Array.from([n % 256, 0, 255]),
    target: `/crash/${n}`,
  });
  store.capture(delivery).then(
    () => process.stdout.write(`${delivery.id}\n`),
    (error: unknown) => process.stderr.write(`capture failed: ${String(error)}\n`),
  );
}

let n = 0;
// Many in flight at once, like concurrent requests, refilled every turn until killed.
setInterval(() => {
  for (let i = 0; i < 50; i++) captureOne(n++);
}, 1);
