import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import type { NewDelivery } from '../../../electron/engine/delivery';
import { encodeRecord, recordBytes } from '../../../electron/engine/store/journal-format';
import { lockPathOf } from '../../../electron/engine/store/journal-lock';
import {
  claimJournalName,
  journalDirectory,
  releaseJournalName,
} from '../../../electron/engine/store/journal-recovery';
import { JournalWriter } from '../../../electron/engine/store/journal-writer';
import { makeDelivery, tempDir } from './store-fixtures';

const RECORDS = 1_000;
const owner = fileURLToPath(new URL('./crash-journal-owner.ts', import.meta.url));

/** Acknowledged vs recovered per kind of damage, printed at the end (the figures). */
const figures: string[] = [];

interface Left {
  path: string;
  deliveries: NewDelivery[];
  /** Start of each record in the file, and the file's length at the end. */
  offsets: number[];
}

/** Deterministic bytes (xorshift), so a failure reproduces. */
function garbage(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

function frameOffsets(file: Buffer): number[] {
  const offsets: number[] = [];
  let at = 0;
  while (at < file.length) {
    offsets.push(at);
    at += recordBytes(file.subarray(at, at + 16)) as number;
  }
  offsets.push(at);
  return offsets;
}

describe('capture journals survive damage: recovery loses only the damaged records', () => {
  let temp: ReturnType<typeof tempDir>;
  let problems: string[];
  beforeEach(() => {
    temp = tempDir();
    problems = [];
  });
  afterEach(() => temp.remove());
  afterAll(() => console.log(`journal damage: acknowledged -> recovered\n${figures.join('\n')}`));

  /**
   * A journal as a capturing process leaves it when killed: written through its lock, then the
   * lock freed (the OS frees it when the process dies). Its name carries this live process's pid,
   * so every recovery here is also a "reused pid" recovery.
   */
  async function deadJournal(count = RECORDS): Promise<Left> {
    const name = claimJournalName(temp.file());
    const path = join(journalDirectory(temp.file()), name);
    const writer = new JournalWriter(path, { onWritten: () => undefined });
    const deliveries = Array.from({ length: count }, (_, i) =>
      makeDelivery({
        target: `/d/${i}`,
        body: new TextEncoder().encode(`{"n":${i},"pad":"....."}`),
      }),
    );
    await Promise.all(deliveries.map((delivery) => writer.commit(delivery)));
    writer.close();
    releaseJournalName(name);
    return { path, deliveries, offsets: frameOffsets(readFileSync(path)) };
  }

  function damage(path: string, change: (bytes: Buffer) => Buffer): void {
    writeFileSync(path, change(readFileSync(path)));
  }

  /** Opens a store (which recovers), and answers which acknowledged deliveries are rows. */
  function recover(left: Left) {
    const store = openDeliveryStore(temp.file(), { onError: (message) => problems.push(message) });
    try {
      const missing = left.deliveries.filter((delivery) => store.get(delivery.id) === null);
      return { missing, count: store.stats().count, stats: store.stats() };
    } finally {
      store.close();
    }
  }

  const flipAt =
    (position: number) =>
    <T extends Uint8Array>(bytes: T): T => {
      bytes[position] = (bytes[position] as number) ^ 0xff;
      return bytes;
    };
  const where = { start: 0, middle: RECORDS / 2, end: RECORDS - 1 } as const;
  /** Which byte of record k to flip: in its head magic, its length, its body, its seq, its CRC. */
  const parts = {
    magic: (left: Left, k: number) => (left.offsets[k] as number) + 1,
    length: (left: Left, k: number) => (left.offsets[k] as number) + 4,
    body: (left: Left, k: number) => (left.offsets[k + 1] as number) - 8 - 3,
    seq: (left: Left, k: number) => (left.offsets[k] as number) + 10,
    checksum: (left: Left, k: number) => (left.offsets[k + 1] as number) - 6,
  } as const;
  const cases = [
    ...(['magic', 'length', 'body'] as const).flatMap((part) =>
      (['start', 'middle', 'end'] as const).map((at) => [part, at] as const),
    ),
    ['seq', 'middle'] as const,
    ['checksum', 'middle'] as const,
  ];

  it.each(cases)('a byte flipped in the %s of the record at the %s', async (part, at) => {
    const left = await deadJournal();
    const k = where[at];
    damage(left.path, flipAt(parts[part](left, k)));
    const { missing, count, stats } = recover(left);
    figures.push(`  ${part} byte flipped, record ${k}: ${RECORDS} -> ${count}`);
    expect(missing.map((delivery) => delivery.id)).toEqual([left.deliveries[k]!.id]);
    expect(count).toBe(RECORDS - 1);
    const damagedAt = left.offsets[k] as number;
    expect(problems.join('\n')).toMatch(
      new RegExp(`recovered ${RECORDS - 1}, dropped 1 damaged record at byte ${damagedAt} \\(`),
    );
    // Kept aside, not deleted; the report reaches the app through the store's stats.
    const name = left.path.split(/[\\/]/).pop()!;
    expect(existsSync(left.path)).toBe(false);
    expect(existsSync(lockPathOf(left.path))).toBe(false);
    expect(readdirSync(join(journalDirectory(temp.file()), 'damaged'))).toEqual([name]);
    expect(stats.journalDamage).toMatchObject([
      { journal: name, recovered: RECORDS - 1, dropped: 1 },
    ]);
  });

  it('random garbage between records: every record recovered, the garbage reported', async () => {
    const left = await deadJournal();
    const cut = left.offsets[RECORDS / 2] as number;
    damage(left.path, (bytes) =>
      Buffer.concat([bytes.subarray(0, cut), garbage(4096, 7), bytes.subarray(cut)]),
    );
    const { missing, count } = recover(left);
    figures.push(`  4 KiB of random bytes between records 499 and 500: ${RECORDS} -> ${count}`);
    expect(missing).toEqual([]);
    expect(problems.join('\n')).toMatch(
      new RegExp(`recovered ${RECORDS}, dropped 0 damaged records at byte ${cut} \\(4096 bytes\\)`),
    );
  });

  it('random garbage in several places, and over a record, loses only that record', async () => {
    const left = await deadJournal();
    const o = left.offsets;
    damage(left.path, (bytes) =>
      Buffer.concat([
        garbage(100, 1),
        bytes.subarray(0, o[10]),
        garbage(333, 2),
        bytes.subarray(o[10], o[300]),
        // Record 300's bytes replaced by garbage of the same length.
        garbage((o[301] as number) - (o[300] as number), 3),
        bytes.subarray(o[301]),
        garbage(50, 4),
      ]),
    );
    const { missing, count } = recover(left);
    figures.push(
      `  garbage at the start, between 9/10, over record 300, at the end: ${RECORDS} -> ${count}`,
    );
    expect(missing.map((delivery) => delivery.id)).toEqual([left.deliveries[300]!.id]);
    expect(problems.join('\n')).toMatch(
      new RegExp(`recovered ${RECORDS - 1}, dropped 1 damaged record at bytes 0 \\(100 bytes\\), `),
    );
  });

  it('a zeroed tail (a power cut) after whole records: nothing dropped, the zeros reported', async () => {
    const left = await deadJournal(10);
    damage(left.path, (bytes) => Buffer.concat([bytes, Buffer.alloc(4096)]));
    const { missing } = recover(left);
    expect(missing).toEqual([]);
    expect(problems.join('\n')).toMatch(
      /recovered 10, dropped 0 damaged records at byte \d+ \(4096 bytes, to the end of the file\)/,
    );
  });

  it('refuses a record a sender embedded in a body when resyncing through that body', async () => {
    const forged = makeDelivery({ target: '/forged' });
    const embedded = Buffer.concat(encodeRecord(999_999, forged));
    const left = await deadJournal(3);
    // A fourth record whose body is a perfect record (CRC included): after damage to the head of
    // its carrier, a resync scanning the carrier's body meets the embedded frame first.
    const carrier = makeDelivery({ target: '/carrier', body: embedded });
    const more = [makeDelivery({ target: '/after-1' }), makeDelivery({ target: '/after-2' })];
    const name = claimJournalName(temp.file());
    const path = join(journalDirectory(temp.file()), name);
    const writer = new JournalWriter(path, { onWritten: () => undefined });
    for (const delivery of [...left.deliveries, carrier, ...more]) await writer.commit(delivery);
    writer.close();
    releaseJournalName(name);
    const all: Left = {
      path,
      deliveries: [...left.deliveries, carrier, ...more],
      offsets: frameOffsets(readFileSync(path)),
    };
    damage(path, flipAt((all.offsets[3] as number) + 1));
    const { missing, count } = recover(all);
    expect(missing.map((delivery) => delivery.id)).toEqual([carrier.id]);
    expect(count).toBe(5);
    const store = openDeliveryStore(temp.file());
    try {
      expect(store.get(forged.id)).toBeNull();
    } finally {
      store.close();
    }
  });

  it('reads journals of the previous format (no checksum), resyncing on damage there too', async () => {
    const left = await deadJournal(100);
    // The same records as version 1 frames: magic "HSC1", no CRC, "HSC1" at the end.
    const v2 = readFileSync(left.path);
    const frames: Buffer[] = [];
    for (let k = 0; k < 100; k++) {
      const record = v2.subarray(left.offsets[k], left.offsets[k + 1]);
      const v1 = Buffer.concat([
        record.subarray(0, record.length - 8),
        Buffer.from('HSC1', 'latin1'),
      ]);
      v1.write('HSC1', 0, 'latin1');
      frames.push(v1);
    }
    const v1File = Buffer.concat(frames);
    const lengthOf42 = frames.slice(0, 42).reduce((sum, frame) => sum + frame.length, 0) + 4;
    v1File[lengthOf42] = (v1File[lengthOf42] as number) ^ 0xff;
    // Written by a Hookscope from before the locks (no lock file), whose process is gone.
    const legacy = join(journalDirectory(temp.file()), `${2 ** 30}-legacy-1.journal`);
    writeFileSync(legacy, v1File);
    renameSync(left.path, `${left.path}.ignored`);
    const { missing } = recover({ ...left, path: legacy });
    expect(missing.map((delivery) => delivery.id)).toEqual([left.deliveries[42]!.id]);
    expect(problems.join('\n')).toMatch(/recovered 99, dropped 1 damaged record at byte/);
  });

  it('recovers a journal named for a live pid once its lock is free (a reused pid)', async () => {
    const left = await deadJournal(20);
    // pid 1 always runs: under the old PID check this journal was never recovered.
    const reused = join(journalDirectory(temp.file()), '1-reused-1.journal');
    renameSync(left.path, reused);
    renameSync(lockPathOf(left.path), lockPathOf(reused));
    const { missing } = recover({ ...left, path: reused });
    expect(missing).toEqual([]);
    expect(existsSync(reused)).toBe(false);
    expect(existsSync(lockPathOf(reused))).toBe(false);
    expect(problems).toEqual([]);
  });

  /** crash-journal-owner.ts: a process that wrote `count` acknowledged records and holds them. */
  async function startOwner(count: number) {
    mkdirSync(journalDirectory(temp.file()), { recursive: true });
    const child = spawn(process.execPath, ['--import', 'tsx', owner, temp.file(), String(count)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    for await (const line of createInterface({ input: child.stdout })) {
      const [word, journal, ...ids] = line.split(' ');
      if (word !== 'ready') continue;
      const kill = () =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGKILL');
        });
      return { child, ids, path: join(journalDirectory(temp.file()), journal!), kill };
    }
    throw new Error('the journal owner exited before it was ready');
  }

  it("the issue's case: SIGKILL with 1,000 acknowledged records journalled, a byte flipped at record 10", async () => {
    const { child, ids, path, kill } = await startOwner(RECORDS);
    try {
      expect(await kill()).toBeNull(); // exit code null: killed by the signal
      const offsets = frameOffsets(readFileSync(path));
      damage(path, flipAt((offsets[11] as number) - 8 - 3));
      const store = openDeliveryStore(temp.file(), { onError: (m) => problems.push(m) });
      try {
        const missing = ids.filter((id) => store.get(id) === null);
        figures.push(
          `  SIGKILLed writer, body byte flipped in record 10: ${ids.length} -> ${store.stats().count}`,
        );
        expect(missing).toEqual([ids[10]]);
      } finally {
        store.close();
      }
      expect(problems.join('\n')).toMatch(
        new RegExp(`recovered 999, dropped 1 damaged record at byte ${offsets[10]} \\(`),
      );
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it("leaves a live owner's journal alone, and recovers it once the owner is killed", async () => {
    const { child, ids, path, kill } = await startOwner(50);
    try {
      expect(ids).toHaveLength(50);
      const alive = openDeliveryStore(temp.file());
      try {
        expect(alive.stats().count).toBe(0);
      } finally {
        alive.close();
      }
      expect(existsSync(path)).toBe(true);
      await kill();
      const after = openDeliveryStore(temp.file());
      try {
        expect(ids.filter((id) => after.get(id) === null)).toEqual([]);
        expect(after.stats().journalDamage).toBeUndefined();
      } finally {
        after.close();
      }
      expect(existsSync(path)).toBe(false);
      expect(existsSync(lockPathOf(path))).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  describe('damage met by the live materializer thread', () => {
    // A record whose bytes differ from what its CRC was computed over: the writer references a
    // body until its batch is written (the next event-loop turn with windowMs 0), so changing the
    // body in between gives exactly that.
    it('skips a damaged record in the middle and makes rows of the rest', async () => {
      const store = openDeliveryStore(temp.file(), {
        capture: { windowMs: 0 },
        onError: (message) => problems.push(message),
      });
      try {
        const deliveries = Array.from({ length: 5 }, (_, i) =>
          makeDelivery({ target: `/live/${i}`, body: new TextEncoder().encode(`{"live":${i}}`) }),
        );
        const acknowledged = deliveries.map((delivery) => store.capture(delivery));
        flipAt(2)(deliveries[2]!.body);
        await Promise.all(acknowledged);
        // Reads wait for the thread: it must get past the damage, not stall.
        await store.whenIndexed();
        expect(deliveries.map((delivery) => store.get(delivery.id) !== null)).toEqual([
          true,
          true,
          false,
          true,
          true,
        ]);
        expect(problems.join('\n')).toMatch(
          /skipped \d+ damaged bytes at byte \d+, about 1 record/,
        );
      } finally {
        await store.stopCapturing();
        store.close();
      }
    });

    it('does not leave readers waiting when the damaged record is the last one written', async () => {
      const store = openDeliveryStore(temp.file(), {
        capture: { windowMs: 0 },
        onError: (message) => problems.push(message),
      });
      try {
        const deliveries = Array.from({ length: 3 }, (_, i) =>
          makeDelivery({ target: `/live/${i}`, body: new TextEncoder().encode(`{"live":${i}}`) }),
        );
        const acknowledged = deliveries.map((delivery) => store.capture(delivery));
        flipAt(2)(deliveries[2]!.body);
        await Promise.all(acknowledged);
        await store.whenIndexed();
        expect(store.stats().count).toBe(2);
        expect(store.get(deliveries[2]!.id)).toBeNull();
      } finally {
        await store.stopCapturing();
        store.close();
      }
    });
  });
});
