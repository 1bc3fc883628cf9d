import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import {
  databaseFile,
  ImportError,
  openDeliveryStore,
  readImportFile,
  importDeliveries,
  type ImportFormat,
} from '../engine';
import { parseChoice, parseCommandArgs, UsageError } from './args';
import { dataDirFrom } from './open-existing-store';

export const IMPORT_HELP = `Usage: hookscope import [options] FILE

Adds the deliveries of a jsonl or HAR file (from "hookscope export" or any HAR writer) to the
store, keeping their ids and order. The whole file is checked first and written in one
transaction: a bad line imports nothing. Ids already in the store are skipped.

Options:
  --data-dir DIR         the store to add to, created if needed (default: the platform data folder)
  --format jsonl|har     default: from the extension (.har, .jsonl), else from the content
  -h, --help             show this help
`;

const IMPORT_OPTIONS = {
  'data-dir': { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const IMPORT_FORMATS: readonly ImportFormat[] = ['jsonl', 'har'];

export async function importCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, IMPORT_OPTIONS, true);
  if (values.help) {
    process.stdout.write(IMPORT_HELP);
    return 0;
  }
  const format = parseChoice(values.format, 'format', IMPORT_FORMATS);
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('missing the FILE to import');
  if (extra.length > 0) throw new UsageError(`expected one FILE, got ${positionals.length}`);
  if (!existsSync(file)) throw new Error(`${file}: no such file`);

  // Import errors name the file, and say that nothing was written (it is all or nothing).
  const explain = (error: unknown): never => {
    if (error instanceof ImportError) {
      throw new ImportError(`${file}: ${error.message}; nothing imported`);
    }
    throw error;
  };

  // Read and validate everything before the store is even opened: a bad file changes nothing.
  const read = await readImportFile(file, format).catch(explain);

  const dataDir = dataDirFrom(values['data-dir']);
  await mkdir(dataDir, { recursive: true });
  const store = openDeliveryStore(databaseFile(dataDir));
  try {
    let report: ReturnType<typeof importDeliveries>;
    try {
      report = importDeliveries(store, read.deliveries);
    } catch (error) {
      return explain(error);
    }
    const skipped = report.skippedExisting.length;
    process.stdout.write(
      `imported ${report.imported} ${report.imported === 1 ? 'delivery' : 'deliveries'} ` +
        `from ${file} (${read.format}) into ${dataDir}` +
        (skipped ? `; ${skipped} already present, skipped` : '') +
        '\n',
    );
    return 0;
  } finally {
    store.close();
  }
}
