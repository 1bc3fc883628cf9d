import { rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// Narrow engine modules, not '../engine': its index loads every provider library at start-up.
import {
  DEFAULT_CURL_BASE_URL,
  EXPORT_FORMATS,
  exportChunks,
  type ExportFormat,
  type UnreadableRow,
} from '../engine/export';
import { repairCommand } from '../engine/store/integrity';
import { parseChoice, parseCommandArgs, UsageError } from './args';
import { dataDirFrom, openExistingStore } from './open-existing-store';

export const EXPORT_HELP = `Usage: hookscope export [options]

Writes stored deliveries, oldest first, to stdout or to --out.
  jsonl  one JSON object per line: id, receivedAt, endpoint, method, target, httpVersion,
         remoteAddress, rawHeaders, bodyBase64, size, truncated, response, via
  har    HAR 1.2, opens in Chrome DevTools and HTTP Toolkit (Hookscope fields in "_hookscope")
  curl   one POSIX sh command per delivery that makes curl send the same method, target,
         header lines (order and case) and body bytes (the body on stdin via printf '%b')

Options:
  --data-dir DIR         the store to read (default: the platform data folder)
  --format jsonl|har|curl  default jsonl, or har when --out ends in .har
  --out FILE             write here instead of stdout (written whole or not at all)
  --id ID                only this delivery; repeat for several
  --url URL              curl: where the commands send (default ${DEFAULT_CURL_BASE_URL})
  -h, --help             show this help

Rows a damaged database cannot read are skipped and named on stderr; the rest is exported.
Exit codes: 0 all exported, 3 exported except the unreadable rows named on stderr
(run "hookscope repair"), 1 error, 2 usage error.
`;

/** Exit code of an export that wrote everything it could read but skipped damaged rows. */
export const EXIT_PARTIAL_EXPORT = 3;

const EXPORT_OPTIONS = {
  'data-dir': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  id: { type: 'string', multiple: true },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function exportCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, EXPORT_OPTIONS);
  if (values.help) {
    process.stdout.write(EXPORT_HELP);
    return 0;
  }
  const out = values.out;
  const format: ExportFormat =
    parseChoice(values.format, 'format', EXPORT_FORMATS) ??
    (out?.toLowerCase().endsWith('.har') ? 'har' : 'jsonl');

  const curlBaseUrl = values.url;
  if (curlBaseUrl !== undefined && !/^https?:\/\/[^/?#\s]+\/?$/i.test(curlBaseUrl))
    throw new UsageError(`--url must be http(s)://host[:port], got "${curlBaseUrl}"`);
  if (curlBaseUrl !== undefined && format !== 'curl')
    throw new UsageError('--url applies to --format curl only');

  const dataDir = dataDirFrom(values['data-dir']);
  const store = openExistingStore(dataDir);
  // A damaged page costs its rows, not the export: each is named on stderr as it is skipped.
  const unreadable: UnreadableRow[] = [];
  const onUnreadable = (row: UnreadableRow) => {
    unreadable.push(row);
    const name = row.id === null ? `seq ${row.seq}` : `${row.id} (seq ${row.seq})`;
    process.stderr.write(`hookscope export: skipped unreadable delivery ${name}: ${row.reason}\n`);
  };
  const finish = (): number => {
    if (unreadable.length === 0) return 0;
    process.stderr.write(
      `hookscope export: ${unreadable.length} unreadable ${unreadable.length === 1 ? 'delivery' : 'deliveries'} skipped; ` +
        `the database is damaged, run: ${repairCommand(dataDir)}\n`,
    );
    return EXIT_PARTIAL_EXPORT;
  };
  try {
    const chunks = exportChunks(store, {
      format,
      ids: values.id,
      onUnreadable,
      ...(curlBaseUrl ? { curlBaseUrl } : {}),
    });
    if (!out) {
      try {
        await pipeline(Readable.from(chunks), process.stdout, { end: false });
      } catch (error) {
        // `hookscope export | head` closes the pipe early: the reader has what it wanted.
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      }
      return finish();
    }
    // A temporary file renamed at the end: an interrupted export never leaves half a file at --out.
    const partial = `${out}.partial-${process.pid}`;
    try {
      await pipeline(Readable.from(chunks), createWriteStream(partial));
      await rename(partial, out);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return finish();
  } finally {
    store.close();
  }
}
