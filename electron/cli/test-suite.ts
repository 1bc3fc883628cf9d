import { readFile, writeFile } from 'node:fs/promises';
import {
  junitXml,
  parseSuite,
  runSuite,
  SuiteFileError,
  SuiteRunError,
  type EndpointConfig,
} from '../engine';
import { parseCommandArgs, parseInteger, UsageError } from './args';
import { dataDirFrom } from './open-existing-store';
import { endpointsFor } from './saved-endpoints';

export const TEST_HELP = `Usage: hookscope test SUITE.json --to URL [options]

Replays each case of a suite (\`hookscope suite create\`, or "Save as test suite" in the app)
against your receiver and checks what it answers. Each case is sent byte for byte as captured
(method, header order and case, body, chunked or not), or re-signed with fresh ids and timestamp.
The captured query (Kanboard's ?token=) is kept when URL has none.

Options:
  --to URL               where to send every case (required)
  --resign               re-sign every case (otherwise as each case says)
  --secret S             the secret to re-sign with (else the case's endpoint's, from --data-dir)
  --data-dir DIR         where saved endpoint secrets are read for re-signing
  --junit FILE           also write a JUnit XML report (for CI systems)
  -c, --concurrency N    cases in flight at once (default 1; output keeps the suite's order)
  --as-provider          the provider's timeout budget is the limit (Kanboard 1 s, GitHub 10 s,
                         Stripe 20 s...): a slower answer fails, as the provider would give up
  --retries              on a failed answer, send again the way the provider retries (Slack 3
                         times with X-Slack-Retry-Num, Stripe and Standard Webhooks up to 5 here;
                         GitHub and Kanboard never): tests your retry handling
  --retry-delay-ms N     the wait between retries (default 1000; providers wait minutes to hours)
  --case NAME            run only this case; repeat for several (re-run the failed ones)
  -h, --help             show this help

Prints one line per case and a summary "N passed, M failed".
Exit codes: 0 every case passed, 1 a case failed (or an error), 2 usage error or a bad suite file.
`;

const TEST_OPTIONS = {
  to: { type: 'string' },
  resign: { type: 'boolean' },
  secret: { type: 'string' },
  'data-dir': { type: 'string' },
  junit: { type: 'string' },
  concurrency: { type: 'string', short: 'c' },
  'as-provider': { type: 'boolean' },
  retries: { type: 'boolean' },
  'retry-delay-ms': { type: 'string' },
  case: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function testCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, TEST_OPTIONS, true);
  if (values.help) {
    process.stdout.write(TEST_HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('missing the suite file');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const to = values.to;
  if (!to) throw new UsageError('missing --to URL');
  if (!/^https?:\/\/[^\s]+$/i.test(to))
    throw new UsageError(`--to must be an http(s) URL, got "${to}"`);
  const concurrency = parseInteger(values.concurrency, 'concurrency', { min: 1, max: 32 }) ?? 1;
  const retryDelayMs = parseInteger(values['retry-delay-ms'], 'retry-delay-ms', {
    min: 0,
    max: 3_600_000,
  });

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let suite;
  try {
    suite = parseSuite(text, file);
  } catch (error) {
    if (error instanceof SuiteFileError) throw new UsageError(error.message);
    throw error;
  }
  // Secrets come from the data dir's vault only when a case needs re-signing without --secret.
  let endpoints: EndpointConfig[] | null = null;
  const secretFor = (path: string) => {
    endpoints ??= endpointsFor(dataDirFrom(values['data-dir']), []);
    return endpoints.find((endpoint) => endpoint.path === path)?.secrets?.[0] ?? null;
  };

  let report;
  try {
    report = await runSuite(suite, {
      to,
      ...(values.resign ? { resign: true } : {}),
      ...(values.secret !== undefined ? { secret: values.secret } : {}),
      secretFor,
      concurrency,
      asProvider: values['as-provider'] ?? false,
      retries: values.retries ?? false,
      ...(retryDelayMs !== undefined ? { retryDelayMs } : {}),
      ...(values.case ? { only: values.case } : {}),
    });
  } catch (error) {
    if (error instanceof SuiteRunError) throw new UsageError(error.message);
    throw error;
  }
  for (const result of report.cases) {
    const status = result.status ?? 'no answer';
    const retried = result.attempts > 1 ? `  (${result.attempts} requests)` : '';
    const reason = result.ok ? '' : `  ${result.failures[0] ?? ''}`;
    process.stdout.write(
      `${result.ok ? '✓' : '✗'} ${result.name}  ${status}  ${result.ms} ms${retried}${reason}\n`,
    );
  }
  process.stdout.write(
    `${report.passed} passed, ${report.failed} failed (${suite.name}, ${report.durationMs} ms)\n`,
  );
  if (values.junit) await writeFile(values.junit, junitXml(suite.name, report));
  return report.failed === 0 ? 0 : 1;
}
