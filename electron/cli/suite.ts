import { writeFile } from 'node:fs/promises';
import { createSuite, serializeSuite, type Delivery } from '../engine';
import { parseCommandArgs, parseInteger, UsageError } from './args';
import { dataDirFrom, openExistingStore } from './open-existing-store';

export const SUITE_HELP = `Usage: hookscope suite create [options] --out suite.json

Saves stored deliveries as a replay test suite (docs/suites.md): one case per delivery, each
holding the delivery exactly as \`hookscope export\` writes it, and what its answer must be. Run it
with \`hookscope test suite.json --to URL\`. A suite never contains a secret.

Options:
  --data-dir DIR         the store to read (default: the platform data folder)
  --id ID                a delivery to include; repeat for several (in this order)
  --event E --last N     or: the newest N deliveries of event E (oldest first)
  --endpoint PATH        with --event: only deliveries of this endpoint
  --name NAME            the suite's name (default: the --out file's name)
  --resign               re-sign each case when it runs (with its endpoint's secret, or --secret)
  --expect-status S      2xx (default) or an exact status such as 204
  --max-ms N             the answer must start within N ms (default: the provider's budget,
                         else 10000)
  --body-contains TEXT   the answer's body must contain TEXT
  --idempotent           send each case twice: both answers must have the same status
  --out FILE             where to write the suite (required)
  -h, --help             show this help

Exit codes: 0 written, 1 error (an id not stored, nothing matched), 2 usage error.
`;

const SUITE_OPTIONS = {
  'data-dir': { type: 'string' },
  id: { type: 'string', multiple: true },
  event: { type: 'string' },
  last: { type: 'string' },
  endpoint: { type: 'string' },
  name: { type: 'string' },
  resign: { type: 'boolean' },
  'expect-status': { type: 'string' },
  'max-ms': { type: 'string' },
  'body-contains': { type: 'string' },
  idempotent: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseStatus(value: string | undefined): '2xx' | number | undefined {
  if (value === undefined || value === '2xx') return value;
  const status = Number(value);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new UsageError(`--expect-status must be 2xx or a status from 100 to 599, got "${value}"`);
  return status;
}

export async function suiteCommand(argv: readonly string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
    process.stdout.write(SUITE_HELP);
    return subcommand === undefined ? 2 : 0;
  }
  if (subcommand !== 'create')
    throw new UsageError(`unknown subcommand "${subcommand}" (try "suite create")`);
  const { values } = parseCommandArgs(rest, SUITE_OPTIONS);
  if (values.help) {
    process.stdout.write(SUITE_HELP);
    return 0;
  }
  const out = values.out;
  if (!out) throw new UsageError('missing --out FILE');
  const ids = values.id ?? [];
  const last = parseInteger(values.last, 'last', { min: 1, max: 1_000 });
  if (ids.length > 0 && values.event !== undefined)
    throw new UsageError('give either --id or --event with --last, not both');
  if (ids.length === 0 && (values.event === undefined || last === undefined))
    throw new UsageError('name the deliveries: --id ID (repeatable), or --event E --last N');
  const status = parseStatus(values['expect-status']);
  const maxMs = parseInteger(values['max-ms'], 'max-ms', { min: 1, max: 600_000 });

  const store = openExistingStore(dataDirFrom(values['data-dir']));
  try {
    let deliveries: Delivery[];
    if (ids.length > 0) {
      deliveries = ids.map((id) => {
        const delivery = store.get(id);
        if (!delivery) throw new Error(`no delivery with id "${id}" in this store`);
        return delivery;
      });
    } else {
      const page = store.list({
        limit: last as number,
        event: values.event as string,
        ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
      });
      if (page.items.length === 0) throw new Error(`no stored delivery of event "${values.event}"`);
      deliveries = page.items
        .reverse()
        .map((summary) => store.get(summary.id))
        .filter((delivery): delivery is Delivery => delivery !== null);
    }
    const name = values.name ?? (out.split(/[\\/]/).pop() ?? out).replace(/(\.suite)?\.json$/i, '');
    const suite = createSuite(deliveries, {
      name,
      resign: values.resign ?? false,
      expect: {
        ...(status !== undefined ? { status } : {}),
        ...(maxMs !== undefined ? { maxMs } : {}),
        ...(values['body-contains'] !== undefined ? { bodyContains: values['body-contains'] } : {}),
        ...(values.idempotent ? { idempotent: true } : {}),
      },
    });
    await writeFile(out, serializeSuite(suite));
    process.stderr.write(`hookscope suite: wrote ${suite.cases.length} case(s) to ${out}\n`);
    return 0;
  } finally {
    store.close();
  }
}
