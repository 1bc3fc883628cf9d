import { existsSync } from 'node:fs';
import { databaseFile, repairDatabase } from '../engine';
import { parseCommandArgs } from './args';
import { dataDirFrom } from './open-existing-store';

export const REPAIR_HELP = `Usage: hookscope repair [options]

Rebuilds a damaged store (serve, listen and export warn when PRAGMA quick_check fails): a fresh
hookscope.db with every row that can still be read, deliveries keeping their ids and order,
settings and send history copied, the search index rebuilt at next open. Unreadable rows are
named on stderr. The damaged file is kept as hookscope.db.damaged-<time> (with its -wal, -shm).
Stop every Hookscope process using the folder first.

Options:
  --data-dir DIR         the store to repair (default: the platform data folder)
  -h, --help             show this help

Exit codes: 0 rebuilt (rows that could not be read are listed), 1 error, 2 usage error.
`;

const REPAIR_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function repairCliCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, REPAIR_OPTIONS);
  if (values.help) {
    process.stdout.write(REPAIR_HELP);
    return 0;
  }
  const dataDir = dataDirFrom(values['data-dir']);
  const file = databaseFile(dataDir);
  if (!existsSync(file))
    throw new Error(`no Hookscope store in ${dataDir} (${file} does not exist)`);
  const report = repairDatabase(file);
  for (const row of report.unreadable) {
    const name = row.id === null ? `seq ${row.seq}` : `${row.id} (seq ${row.seq})`;
    process.stderr.write(`hookscope repair: could not read delivery ${name}: ${row.reason}\n`);
  }
  for (const table of report.tables) {
    if (table.problem)
      process.stderr.write(`hookscope repair: table ${table.name}: ${table.problem}\n`);
  }
  if (!report.after.ok) {
    // Should not happen (every row went through SQLite again); say so rather than claim success.
    throw new Error(
      `the rebuilt database still fails its check (${report.after.problems[0] ?? ''}); the damaged file is at ${report.damagedCopy}`,
    );
  }
  process.stdout.write(
    `repaired ${file}: ${report.deliveries} deliveries kept, ${report.unreadable.length} unreadable skipped; ` +
      `damaged file kept as ${report.damagedCopy}\n`,
  );
  return 0;
}
