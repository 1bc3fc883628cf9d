// Replay suites (issue 16) against real local targets: captured deliveries become a suite file
// (`hookscope suite create`), and `hookscope test` replays it, checks every expectation, writes
// JUnit and exits 1 on a failure, 0 when all pass, 2 on usage errors. Re-signed cases are checked
// by the providers' official libraries on the target's side.
import { verify as verifyGithub } from '@octokit/webhooks-methods';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suite } from '../../../electron/contract/suites';
import { createEngine, type Engine } from '../../../electron/engine/index';
import { requireProvider } from '../../../electron/engine/providers/registry';
import { forgeEvent } from '../../../electron/engine/sender/forge';
import { sendExact } from '../../../electron/engine/sender/send-exact';
import type { SqliteDeliveryStore } from '../../../electron/engine/store/delivery-store';
import { createSuite, parseSuite, runSuite } from '../../../electron/engine/suites';
import { runCli } from '../cli/cli-process';

const GITHUB_SECRET = 'gh-suite-secret';
const STRIPE_SECRET = 'whsec_suite_secret';
const stripe = new Stripe('sk_test_hookscope');

let root: string;
let engine: Engine;
const ids: Record<string, string> = {};

type Handler = (
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
) => void | Promise<void>;

async function target(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void handler(request, Buffer.concat(chunks), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, server };
}

async function capture(name: string, request: Parameters<typeof sendExact>[0]) {
  const outcome = await sendExact(request);
  if (!outcome.ok) throw new Error(outcome.message);
  ids[name] = (JSON.parse(Buffer.from(outcome.answer.body).toString()) as { id: string }).id;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-suites-'));
  engine = await createEngine({
    dataDir: root,
    endpoints: [
      { path: '/github', provider: 'github', secrets: [GITHUB_SECRET] },
      { path: '/stripe', provider: 'stripe', secrets: [STRIPE_SECRET] },
      { path: '/kanboard', provider: 'kanboard' },
    ],
  });
  const base = engine.receiver.url;
  await capture(
    'github',
    forgeEvent({
      provider: requireProvider('github'),
      event: 'push',
      url: `${base}/github`,
      secret: GITHUB_SECRET,
    }),
  );
  await capture(
    'stripe',
    forgeEvent({
      provider: requireProvider('stripe'),
      event: 'payment_intent.succeeded',
      url: `${base}/stripe`,
      secret: STRIPE_SECRET,
    }),
  );
  const json = (path: string, body: unknown) => ({
    method: 'POST',
    url: `${base}${path}`,
    rawHeaders: [['Content-Type', 'application/json']] as [string, string][],
    body: new TextEncoder().encode(JSON.stringify(body)),
  });
  await capture('fails', json('/kanboard?token=t1', { event_name: 'task.close', fail: true }));
  await capture('slow', json('/kanboard?token=t1', { event_name: 'task.move.column', slow: true }));
  await capture('plain', json('/plain', { hello: 'world' }));
  await (engine.store as SqliteDeliveryStore).whenIndexed();
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

/** 500 for bodies saying fail, 600 ms late for those saying slow, 200 otherwise. */
const mixedTarget: Handler = async (_request, body, response) => {
  const text = body.toString();
  if (text.includes('"slow":true')) await new Promise((resolve) => setTimeout(resolve, 600));
  response.statusCode = text.includes('"fail":true') ? 500 : 200;
  response.end(text.includes('"fail":true') ? 'boom' : 'ok');
};

describe('hookscope suite create and hookscope test (the CLI, exit codes)', () => {
  it('creates a suite, fails exactly the 500 and the slow case (exit 1, JUnit), passes all against a good target (exit 0)', async () => {
    await engine.close();
    const file = join(root, 'suite.json');
    const created = await runCli([
      'suite',
      'create',
      '--data-dir',
      root,
      '--max-ms',
      '400',
      ...Object.values(ids).flatMap((id) => ['--id', id]),
      '--out',
      file,
    ]);
    expect(created.stderr).toMatch(/wrote 5 case\(s\)/);
    expect(created.code).toBe(0);
    const suite = parseSuite(readFileSync(file, 'utf8'));
    expect(suite.cases.map((c) => c.expect)).toEqual(Array(5).fill({ status: '2xx', maxMs: 400 }));
    // No secret travels in the file.
    expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(`${GITHUB_SECRET}|${STRIPE_SECRET}`));

    const mixed = await target(mixedTarget);
    const junit = join(root, 'junit.xml');
    const run = await runCli(['test', file, '--to', mixed.url, '--junit', junit, '-c', '2']);
    mixed.server.close();
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.filter((line) => line.startsWith('✗'))).toEqual([
      expect.stringMatching(/^✗ 3\. kanboard POST \/kanboard {2}500 .*status 500, expected 2xx$/),
      expect.stringMatching(/^✗ 4\. kanboard POST \/kanboard {2}200 .*over the 400 ms allowed$/),
    ]);
    expect(lines[5]).toMatch(/^3 passed, 2 failed/);
    const xml = readFileSync(junit, 'utf8');
    const failing = [...xml.matchAll(/<testcase [^>]*name="([^"]+)"[^>]*>\s*<failure/g)].map(
      (m) => m[1],
    );
    expect(failing).toEqual(['3. kanboard POST /kanboard', '4. kanboard POST /kanboard']);
    expect(xml).toMatch(/<testsuite name="suite" tests="5" failures="2"/);

    const good = await target((_request, _body, response) => {
      response.end('ok');
    });
    const green = await runCli(['test', file, '--to', good.url]);
    good.server.close();
    expect(green.stdout).toMatch(/^5 passed, 0 failed/m);
    expect(green.code).toBe(0);

    // Usage errors: 2, with the reason.
    const noTarget = await runCli(['test', file]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/missing --to URL/);
    const broken = join(root, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({
        ...suite,
        cases: [{ ...suite.cases[0], expect: { status: 'ok', maxMs: 1 } }],
      }),
    );
    const bad = await runCli(['test', broken, '--to', 'http://127.0.0.1:9/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\/cases\/0\/expect\/status/);
  });
});

describe('runSuite (in-process)', () => {
  let suite: Suite;
  beforeAll(() => {
    // The engine was closed by the CLI test: read the deliveries from a fresh one on the same dir.
    suite = parseSuite(readFileSync(join(root, 'suite.json'), 'utf8'));
  });
  // Cases in capture order: github, stripe, kanboard (fails), kanboard (slow), plain.
  const at: Record<string, number> = { github: 0, stripe: 1, 'task.close': 2, plain: 4 };
  const only = (name: string) => [suite.cases[at[name] as number]!];

  it('re-signed GitHub and Stripe cases verify with the official libraries', async () => {
    const verified: string[] = [];
    const official = await target(async (request, body, response) => {
      const text = body.toString('utf8');
      const github = request.headers['x-hub-signature-256'];
      if (typeof github === 'string') {
        const ok = await verifyGithub(GITHUB_SECRET, text, github);
        verified.push(`github ${ok}`);
        response.statusCode = ok ? 200 : 401;
      } else {
        try {
          stripe.webhooks.constructEvent(
            body,
            String(request.headers['stripe-signature']),
            STRIPE_SECRET,
          );
          verified.push('stripe true');
        } catch {
          verified.push('stripe false');
          response.statusCode = 400;
        }
      }
      response.end();
    });
    const signed = {
      ...suite,
      cases: [...only('github'), ...only('stripe')].map((c) => ({ ...c, resign: true })),
    };
    const secrets: Record<string, string> = { '/github': GITHUB_SECRET, '/stripe': STRIPE_SECRET };
    const report = await runSuite(signed, {
      to: official.url,
      secretFor: (path) => secrets[path] ?? null,
    });
    official.server.close();
    expect(verified.sort()).toEqual(['github true', 'stripe true']);
    expect(report).toMatchObject({ passed: 2, failed: 0 });

    // The same cases without re-signing carry the captured signatures: still valid for GitHub
    // (no timestamp), and a re-sign with the wrong secret is refused by the library.
    const wrong = await target(async (request, body, response) => {
      const github = request.headers['x-hub-signature-256'];
      response.statusCode =
        typeof github === 'string' && (await verifyGithub(GITHUB_SECRET, body.toString(), github))
          ? 200
          : 401;
      response.end();
    });
    const refused = await runSuite(
      { ...signed, cases: [signed.cases[0]!] },
      { to: wrong.url, secret: 'not-the-secret' },
    );
    wrong.server.close();
    expect(refused.cases[0]).toMatchObject({ ok: false, status: 401 });
  });

  it('--retries sends again the way the provider retries; GitHub never retries', async () => {
    let requests = 0;
    const flaky = await target((_request, _body, response) => {
      requests += 1;
      response.statusCode = requests === 1 ? 503 : 200;
      response.end();
    });
    const stripeCase = { ...suite, cases: only('stripe') };
    const report = await runSuite(stripeCase, { to: flaky.url, retries: true, retryDelayMs: 5 });
    expect(report.cases[0]).toMatchObject({ ok: true, status: 200, attempts: 2 });

    requests = 0;
    const githubCase = { ...suite, cases: only('github') };
    const noRetry = await runSuite(githubCase, { to: flaky.url, retries: true, retryDelayMs: 5 });
    flaky.server.close();
    expect(noRetry.cases[0]).toMatchObject({ ok: false, status: 503, attempts: 1 });
  });

  it("--as-provider holds a case to the provider's budget (Kanboard 1 s)", async () => {
    const late = await target(async (_request, _body, response) => {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      response.end('late');
    });
    const kanboard = {
      ...suite,
      cases: only('task.close').map((c) => ({
        ...c,
        expect: { status: '2xx' as const, maxMs: 5_000 },
      })),
    };
    const relaxed = await runSuite(kanboard, { to: late.url });
    const strict = await runSuite(kanboard, { to: late.url, asProvider: true });
    late.server.close();
    expect(relaxed.cases[0]).toMatchObject({ ok: true });
    expect(strict.cases[0]?.ok).toBe(false);
    expect(strict.cases[0]?.failures[0]).toMatch(/did not answer within 1000 ms/);
  });

  it('an idempotent case is sent twice and must get the same status; the captured query is kept', async () => {
    const seen = new Set<string>();
    const targets: string[] = [];
    const once = await target((request, body, response) => {
      targets.push(request.url ?? '');
      const key = body.toString();
      response.statusCode = seen.has(key) ? 409 : 200;
      seen.add(key);
      response.end();
    });
    const twice = {
      ...suite,
      cases: only('task.close').map((c) => ({
        ...c,
        expect: { ...c.expect, maxMs: 5_000, status: '2xx' as const, idempotent: true },
      })),
    };
    const report = await runSuite(twice, { to: once.url });
    once.server.close();
    expect(report.cases[0]).toMatchObject({ ok: false, attempts: 2 });
    expect(report.cases[0]?.failures).toEqual([
      'not idempotent: the same delivery answered 200 then 409',
    ]);
    expect(targets).toEqual(['/hooks?token=t1', '/hooks?token=t1']);
  });

  it('a dead target is a failure line per case, not a crash', async () => {
    const report = await runSuite(
      { ...suite, cases: only('plain') },
      { to: 'http://127.0.0.1:9/' },
    );
    expect(report.cases[0]).toMatchObject({ ok: false, status: null });
    expect(report.cases[0]?.failures[0]).toMatch(/^no answer: /);
  });

  it('createSuite keeps the delivery records and the case order', () => {
    expect(createSuite([], { name: 'empty' }).cases).toEqual([]);
    expect(suite.cases.map((c) => c.delivery.id)).toEqual(Object.values(ids));
  });
});
