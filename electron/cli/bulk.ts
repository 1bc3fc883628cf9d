import { providerBudgetMs } from '../engine/sender/provider-budgets';
import { runBulk } from '../engine/sender/bulk';
import { forgeEvent } from '../engine/sender/forge';
import { buildReplay, overrideHeaders } from '../engine/sender/replay';
import type { OutgoingRequest } from '../engine/sender/types';
import { parseCommandArgs, parseInteger, UsageError } from './args';
import { dataDirFrom, openExistingStore } from './open-existing-store';
import { bulkReportText } from './send-output';
import {
  parseFraming,
  parseHeaderFlags,
  requireHttpUrl,
  requireKnownProvider,
} from './sender-args';

export const BULK_HELP = `Usage: hookscope bulk --to URL (--id ID | --provider P --event E) -n N -c C

Sends N copies of a stored delivery (--id) or N freshly forged events (--provider/--event: new
ids and signatures each time) with at most C in flight, then prints a latency histogram, status
counts and how many answers were slower than the provider's budget (Kanboard: 1 s).

Options:
  --to URL               where to send
  --id ID                a stored delivery (with --data-dir)
  --data-dir DIR         the store holding --id (default: the platform data folder)
  --provider P --event E forge events instead
  --secret S             sign forged events with this secret
  -n N                   how many requests (1..100000)
  -c C                   how many in flight at once (1..1000, default 10)
  --budget MS            flag answers slower than this (default: the provider's budget)
  --header 'Name: value' set a header on every request (repeatable): replaces the header of that
                         name, or is added; applied after signing
  --framing F            chunked, length or as-captured (default): --id keeps the captured
                         framing (chunked in one chunk), forged events the provider's
  -h, --help             show this help

Progress goes to stderr. Exit codes: 0 every request was answered (any status), 1 some got no
answer (target down, timeout), 2 usage error.
`;

const BULK_OPTIONS = {
  to: { type: 'string' },
  id: { type: 'string' },
  'data-dir': { type: 'string' },
  provider: { type: 'string' },
  event: { type: 'string' },
  secret: { type: 'string' },
  n: { type: 'string', short: 'n' },
  c: { type: 'string', short: 'c' },
  budget: { type: 'string' },
  header: { type: 'string', multiple: true },
  framing: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function bulkCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, BULK_OPTIONS);
  if (values.help) {
    process.stdout.write(BULK_HELP);
    return 0;
  }
  const url = requireHttpUrl(values.to, 'to');
  const count = parseInteger(values.n, 'n', { min: 1, max: 100_000 });
  if (count === undefined) throw new UsageError('missing -n N');
  const concurrency = parseInteger(values.c, 'c', { min: 1, max: 1000 }) ?? 10;
  const budget = parseInteger(values.budget, 'budget', { min: 1, max: 600_000 });
  if (values.id && (values.provider || values.event)) {
    throw new UsageError('use either --id or --provider/--event, not both');
  }
  if (!values.id && !values.provider) throw new UsageError('missing --id or --provider/--event');
  const framing = parseFraming(values.framing);
  const headers = parseHeaderFlags(values.header);
  /** --framing and --header over each request as built. */
  const finish = (request: OutgoingRequest): OutgoingRequest => ({
    ...request,
    ...(framing ? { framing } : {}),
    ...(headers.length > 0 ? { rawHeaders: overrideHeaders(request.rawHeaders, headers) } : {}),
  });

  let build: (index: number) => OutgoingRequest;
  let provider: string | null;
  if (values.id) {
    const store = openExistingStore(dataDirFrom(values['data-dir']));
    try {
      const delivery = store.get(values.id);
      if (!delivery) throw new Error(`no delivery with id "${values.id}"`);
      provider = delivery.provider;
      const request = finish(buildReplay(delivery, { url }));
      build = () => request;
    } finally {
      store.close();
    }
  } else {
    const chosen = requireKnownProvider(values.provider);
    if (!values.event) throw new UsageError('missing --event');
    const event = values.event;
    if (!chosen.events.some((e) => e.name === event)) {
      throw new UsageError(
        `provider "${chosen.id}" has no event "${event}"; known: ${chosen.events.map((e) => e.name).join(', ')}`,
      );
    }
    provider = chosen.id;
    build = () => finish(forgeEvent({ provider: chosen, event, url, secret: values.secret }));
  }

  const step = Math.max(1, Math.floor(count / 10));
  const report = await runBulk({
    count,
    concurrency,
    build,
    budgetMs: budget ?? providerBudgetMs(provider) ?? undefined,
    timeoutMs: 30_000,
    onProgress(done, total) {
      if (done % step === 0 || done === total) process.stderr.write(`progress: ${done}/${total}\n`);
    },
  });
  process.stdout.write(
    bulkReportText({
      ...report,
      histogram: report.histogram.map((b) => ({
        upToMs: Number.isFinite(b.upToMs) ? b.upToMs : null,
        count: b.count,
      })),
    }),
  );
  const unanswered = Object.entries(report.statusCounts)
    .filter(([status]) => !/^\d+$/.test(status))
    .reduce((sum, [, n]) => sum + n, 0);
  if (unanswered > 0)
    process.stderr.write(`hookscope bulk: ${unanswered} of ${count} requests got no answer\n`);
  return unanswered > 0 ? 1 : 0;
}
