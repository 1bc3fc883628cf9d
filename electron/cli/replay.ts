import { resolve } from 'node:path';
import { openAttemptsStore } from '../engine/sender/attempts-store';
import { createSenderService } from '../engine/sender/sender-service';
import { databaseFile, loadConfigFile } from '../engine';
import { endpointsFor } from './saved-endpoints';
import { parseCommandArgs, UsageError } from './args';
import { dataDirFrom, openExistingStore } from './open-existing-store';
import { overrideHeaders } from '../engine/sender/replay';
import { printOutcome } from './send-output';
import { parseFraming, parseHeaderFlags } from './sender-args';

export const REPLAY_HELP = `Usage: hookscope replay ID [--to URL] [options]

Sends a stored delivery again: its method, header order and body bytes exactly as captured.
The attempt (what was sent, the answer) is recorded next to the delivery.

Options:
  --to URL               where to send it (default: the last target used from this data dir)
  --data-dir DIR         the store holding the delivery (default: the platform data folder)
  --resign               sign it afresh (new timestamp and id) with the endpoint's secret
  --secret S             sign with this secret instead of the endpoint's
  --config FILE          endpoints config holding the endpoint's secret (besides those saved
                         in the data dir's Endpoints view)
  --provider P           sign as this provider (default: the delivery's provider)
  --header 'Name: value' set a header (repeatable): replaces the captured header of that name, or
                         is added (with --resign the fresh signature header wins)
  --framing F            chunked, length or as-captured (default): a delivery captured with
                         Transfer-Encoding: chunked is sent chunked (in one chunk: chunk sizes are
                         not stored), any other with Content-Length
  -v, --verbose          print the answer's body too
  -h, --help             show this help

Prints the answer's status and timing. Exit codes: 0 the target answered (any status),
1 it did not (down, timeout) or the delivery is unknown, 2 usage error.
`;

const REPLAY_OPTIONS = {
  to: { type: 'string' },
  'data-dir': { type: 'string' },
  resign: { type: 'boolean' },
  secret: { type: 'string' },
  provider: { type: 'string' },
  config: { type: 'string' },
  header: { type: 'string', multiple: true },
  framing: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function replayCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, REPLAY_OPTIONS, true);
  if (values.help) {
    process.stdout.write(REPLAY_HELP);
    return 0;
  }
  const [id, ...extra] = positionals;
  if (!id) throw new UsageError('missing the delivery ID');
  if (extra.length > 0) throw new UsageError(`expected one delivery ID, got ${positionals.length}`);
  if (values.to !== undefined && !/^https?:\/\//i.test(values.to)) {
    throw new UsageError(`--to must be an http:// or https:// URL, got "${values.to}"`);
  }
  if (!values.resign && (values.secret || values.provider)) {
    throw new UsageError('--secret and --provider only apply with --resign');
  }
  const framing = parseFraming(values.framing);
  const headers = parseHeaderFlags(values.header);
  const configured = values.config ? (await loadConfigFile(values.config)).endpoints : [];

  const dataDir = dataDirFrom(values['data-dir']);
  const store = openExistingStore(dataDir);
  const attempts = openAttemptsStore(databaseFile(resolve(dataDir)));
  try {
    const sender = createSenderService({
      dataDir,
      store,
      attempts,
      // Endpoints saved from the app (secrets from the data dir's vault), overridden by --config.
      endpoints: () => endpointsFor(dataDir, configured),
      // The user typed the URL: there is no running receiver here to protect from a loop.
      ownUrls: () => null,
    });
    if (!values.to && !sender.lastTarget()) {
      throw new UsageError('missing --to URL (this data dir has no last target yet)');
    }
    // --header edits the captured headers; an unknown id is left for replay() to report.
    const captured = headers.length > 0 ? store.get(id) : undefined;
    const attempt = await sender.replay({
      deliveryId: id,
      url: values.to,
      resign: values.resign ? { secret: values.secret, provider: values.provider } : undefined,
      ...(captured ? { rawHeaders: overrideHeaders(captured.rawHeaders, headers) } : {}),
      ...(framing ? { framing } : {}),
    });
    const outcome = attempt.answer
      ? {
          ok: true as const,
          answer: {
            ...attempt.answer,
            timing: { firstByteMs: attempt.answer.firstByteMs, totalMs: attempt.answer.totalMs },
          },
        }
      : {
          ok: false as const,
          code: 'other' as const,
          message: attempt.failureMessage ?? 'no answer',
          timing: { totalMs: attempt.totalMs },
        };
    process.stderr.write(`replayed ${id} to ${attempt.url} (attempt ${attempt.id})\n`);
    return printOutcome(outcome, values.verbose ?? false);
  } finally {
    attempts.close();
    store.close();
  }
}
