// stats({ indexedOnly: true }) is what event pushes read (issue 14): it must not wait for the
// capture journal (that wait blocked the thread answering webhooks) and must count committed rows.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import type { SqliteDeliveryStore, StoreChange } from '../../../electron/engine/store';
import { makeDelivery, tempDir } from './store-fixtures';

let temp: ReturnType<typeof tempDir>;
let store: SqliteDeliveryStore;
let heard: number;

beforeEach(() => {
  temp = tempDir();
  heard = 0;
  store = openDeliveryStore(temp.file(), { capture: {} });
  store.onChange((change: StoreChange) => {
    if (change.kind === 'appended') heard += change.items.length;
  });
});
afterEach(async () => {
  await store.stopCapturing();
  store.close();
  temp.remove();
});

it('counts the rows committed so far, between what was announced and what was acknowledged', async () => {
  const total = 200;
  await Promise.all(Array.from({ length: total }, () => store.capture(makeDelivery())));
  // Acknowledged = journalled; the materializer thread may still be turning them into rows.
  const early = store.stats({ indexedOnly: true }).count;
  expect(early).toBeGreaterThanOrEqual(heard);
  expect(early).toBeLessThanOrEqual(total);
  await store.whenIndexed();
  expect(store.stats({ indexedOnly: true }).count).toBe(total);
  expect(store.stats().count).toBe(total);
});

it('still refuses a closed store', async () => {
  await store.stopCapturing();
  store.close();
  expect(() => store.stats({ indexedOnly: true })).toThrow(/closed/);
  store = openDeliveryStore(temp.file(), { capture: {} }); // for afterEach
});
