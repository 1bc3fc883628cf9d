import { existsSync } from 'node:fs';
import type { DeliveryDiff, DiffChange } from '../contract/inspector';
import { databaseFile, openDeliveryStore } from '../engine';
import { diffDeliveries } from '../engine/inspect/diff';
import { parseCommandArgs, UsageError } from './args';
import { dataDirFrom } from './open-existing-store';

export const DIFF_HELP = `Usage: hookscope diff [options] ID1 ID2

Compares two stored deliveries: headers (/headers/<name>), query (/query/<name>) and body
(/body/...). JSON bodies are compared structurally: key order is ignored, arrays whose items
have an "id" are matched by it (a reordering shows as "moved"). Text bodies are compared by
line, binary bodies byte for byte. One line per change: KIND POINTER OLD -> NEW.

Options:
  --data-dir DIR     the store to read (default: the platform data folder)
  --json             print the changes as a JSON array of {kind, pointer, old, new, from?, line?}
  --mask PATH        ignore this pointer (e.g. /body/timestamp, /body/items/*/id) or a bare key
                     name at any depth (e.g. signature); repeat for several
  --presets          also ignore the provider's volatile fields (ids, timestamps, signatures)
  -h, --help         show this help

Exit codes (like diff): 0 the deliveries are equal (after masking), 1 they differ,
2 trouble: a usage error, no store in the data folder, or an id that is not stored.
`;

const DIFF_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  mask: { type: 'string', multiple: true },
  presets: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One printed (or --json) change; text bodies add a line number. */
type ChangeRecord =
  | DiffChange
  | { kind: 'added' | 'removed'; pointer: '/body'; line: number; old?: string; new?: string };

/** Everything the diff found, as a flat list: envelope changes, then the body's. */
export function changeRecords(diff: DeliveryDiff): ChangeRecord[] {
  const records: ChangeRecord[] = [...diff.changes];
  const body = diff.body;
  if (body.kind === 'json') records.push(...body.changes);
  else if (body.kind === 'binary') {
    if (!body.equal) {
      records.push({
        kind: 'changed',
        pointer: '/body',
        old: `<${body.sizes[0]} bytes>`,
        new: `<${body.sizes[1]} bytes>`,
      });
    }
  } else if (!body.equal) {
    // Line numbers are the right side's for additions and the left side's for removals.
    let left = 0;
    let right = 0;
    for (const op of body.lines) {
      if (op.op === 'same') {
        left++;
        right++;
      } else if (op.op === 'removed') {
        records.push({ kind: 'removed', pointer: '/body', line: ++left, old: op.text });
      } else {
        records.push({ kind: 'added', pointer: '/body', line: ++right, new: op.text });
      }
    }
  }
  return records;
}

const show = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

function formatRecord(record: ChangeRecord): string {
  const where = 'line' in record ? `${record.pointer}:${record.line}` : record.pointer || '/';
  switch (record.kind) {
    case 'added':
      return `added    ${where}  ${show(record.new)}`;
    case 'removed':
      return `removed  ${where}  ${show(record.old)}`;
    case 'changed':
      return `changed  ${where}  ${show(record.old)} -> ${show(record.new)}`;
    case 'moved':
      return `moved    ${where}  from ${record.from}`;
  }
}

/** A failure that is "trouble" in diff's sense: exit 2, one line on stderr. */
function trouble(message: string): number {
  process.stderr.write(`hookscope diff: ${message}\n`);
  return 2;
}

export async function diffCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, DIFF_OPTIONS, true);
  if (values.help) {
    process.stdout.write(DIFF_HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    throw new UsageError(`expected two delivery ids, got ${positionals.length}`);
  }
  const [idA, idB] = positionals as [string, string];
  const dataDir = dataDirFrom(values['data-dir']);
  const file = databaseFile(dataDir);
  // Exit 1 means "different" here, so every runtime problem must be reported as 2.
  if (!existsSync(file))
    return trouble(`no Hookscope store in ${dataDir} (${file} does not exist)`);
  let store;
  try {
    store = openDeliveryStore(file);
  } catch (error) {
    return trouble(error instanceof Error ? error.message : String(error));
  }
  try {
    const a = store.get(idA);
    const b = store.get(idB);
    const missing = [a ? null : idA, b ? null : idB].filter((id) => id !== null);
    if (!a || !b) {
      return trouble(
        `no delivery with id ${missing.map((id) => `"${id}"`).join(' or ')} in ${dataDir}`,
      );
    }
    const diff = diffDeliveries(a, b, { masks: values.mask, usePresets: values.presets });
    const records = changeRecords(diff);
    if (values.json) process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    else for (const record of records) process.stdout.write(`${formatRecord(record)}\n`);
    const hidden = diff.hiddenByMasks ?? 0;
    // On stderr: stdout stays the change records (or the JSON array) that scripts read.
    if (hidden > 0)
      process.stderr.write(
        `${hidden} difference${hidden === 1 ? '' : 's'} hidden by masks (run without --presets and --mask to see them)\n`,
      );
    return diff.equal ? 0 : 1;
  } finally {
    store.close();
  }
}
