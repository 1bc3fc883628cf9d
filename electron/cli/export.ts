import { rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXPORT_FORMATS, exportChunks, type ExportFormat } from '../engine';
import { parseChoice, parseCommandArgs } from './args';
import { dataDirFrom, openExistingStore } from './open-existing-store';

export const EXPORT_HELP = `Usage: hookscope export [options]

Writes stored deliveries, oldest first, to stdout or to --out.
  jsonl  one JSON object per line: id, receivedAt, endpoint, method, target, httpVersion,
         remoteAddress, rawHeaders, bodyBase64, size, truncated, response, via
  har    HAR 1.2, opens in Chrome DevTools and HTTP Toolkit (Hookscope fields in "_hookscope")

Options:
  --data-dir DIR         the store to read (default: the platform data folder)
  --format jsonl|har     default jsonl, or har when --out ends in .har
  --out FILE             write here instead of stdout (written whole or not at all)
  --id ID                only this delivery; repeat for several
  -h, --help             show this help
`;

const EXPORT_OPTIONS = {
  'data-dir': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  id: { type: 'string', multiple: true },
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

  const store = openExistingStore(dataDirFrom(values['data-dir']));
  try {
    const chunks = exportChunks(store, { format, ids: values.id });
    if (!out) {
      try {
        await pipeline(Readable.from(chunks), process.stdout, { end: false });
      } catch (error) {
        // `hookscope export | head` closes the pipe early: the reader has what it wanted.
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      }
      return 0;
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
    return 0;
  } finally {
    store.close();
  }
}
