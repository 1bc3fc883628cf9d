// Learning cost per delivery (issue 16), at 100,000 stored deliveries: the learner judges and
// learns 2,000 more Kanboard-like 1 KiB bodies inside a transaction (rolled back, so every round
// sees the same store), timed apart from the row writes; the append of the same bodies is the
// baseline it is a fraction of. Run: npx tsx test/bench/learning-cost.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLearner } from '../../electron/engine/learning/learner';
import { openDatabase } from '../../electron/engine/store/open-store';
import { openDeliveryStore } from '../../electron/engine/store';
import type { NewDelivery } from '../../electron/engine/delivery';
import { newDeliveryId } from '../../electron/engine/ids';

const STORED = Number(process.env.LEARNING_BENCH_STORED ?? 100_000);
const MEASURED = 2_000;

function kanboardDelivery(i: number): NewDelivery {
  const text = JSON.stringify({
    event_name: i % 3 ? 'task.update' : 'task.create',
    event_author: 'admin',
    event_data: {
      task_id: i,
      project_id: 1 + (i % 5),
      task: {
        id: i,
        title: `Task number ${i} with a title long enough to look real`,
        description: 'x'.repeat(300),
        date_creation: 1_762_077_600 + i,
        date_due: i % 7 ? null : 1_762_177_600,
        color_id: ['yellow', 'blue', 'green'][i % 3],
        is_active: i % 2,
        time_estimated: (i % 4) * 3600,
        time_spent: 0,
        owner_id: i % 9,
        column_title: ['Backlog', 'Ready', 'Work in progress', 'Done'][i % 4],
        tags: ['a', 'b'].slice(0, i % 3),
      },
      changes: i % 3 ? { title: `old ${i}` } : [],
    },
  });
  const body = new TextEncoder().encode(text);
  return {
    id: newDeliveryId(),
    receivedAt: Date.now(),
    endpoint: '/kanboard',
    remoteAddress: '127.0.0.1',
    method: 'POST',
    target: '/kanboard?token=x',
    httpVersion: '1.1',
    rawHeaders: [['Content-Type', 'application/json']],
    body,
    size: body.byteLength,
    truncated: false,
    via: 'local',
    response: null,
    provider: 'kanboard',
    event: i % 3 ? 'task.update' : 'task.create',
    handshake: false,
    verdict: null,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'hookscope-learning-bench-'));
try {
  const file = join(dir, 'hookscope.db');
  const store = openDeliveryStore(file, { retention: { maxCount: 1_000_000, maxBytes: 2 ** 40 } });
  const fillStarted = performance.now();
  for (let done = 0; done < STORED; done += 1_000) {
    store.appendBatch(Array.from({ length: 1_000 }, (_, k) => kanboardDelivery(done + k)));
    if (done % 20_000 === 0) process.stderr.write(`\rfilling: ${done}/${STORED}`);
  }
  process.stderr.write(
    `\rfilled ${STORED} deliveries in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s\n`,
  );
  const extra = Array.from({ length: MEASURED }, (_, k) => kanboardDelivery(STORED + k));
  const appendStarted = performance.now();
  store.appendBatch(extra);
  const appendUs = ((performance.now() - appendStarted) * 1000) / MEASURED;
  store.close();

  const db = openDatabase(file);
  const learner = createLearner(db);
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    db.exec('BEGIN');
    const started = performance.now();
    const batch = learner.batch();
    for (const delivery of extra) batch.learn(delivery, 'application/json');
    batch.flush();
    rounds.push(((performance.now() - started) * 1000) / MEASURED);
    db.exec('ROLLBACK');
  }
  db.close();
  rounds.sort((a, b) => a - b);
  const median = rounds[Math.floor(rounds.length / 2)] as number;
  console.log(`stored deliveries:               ${STORED + MEASURED}`);
  console.log(
    `learning per delivery (median):  ${median.toFixed(1)} µs  (rounds: ${rounds.map((r) => r.toFixed(1)).join(', ')})`,
  );
  console.log(`append per delivery (with it):   ${appendUs.toFixed(1)} µs`);
  console.log(`learning share of the append:    ${((median / appendUs) * 100).toFixed(0)} %`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
