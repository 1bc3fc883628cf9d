import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { sign, verify } from '@octokit/webhooks-methods';
import { Webhooks, createNodeMiddleware } from '@octokit/webhooks';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalogue from '../../electron/engine/providers/github/catalogue.json';
import { GITHUB_CATALOGUE_SOURCE } from '../../electron/engine/providers/github/catalogue';
import { requireProvider } from '../../electron/engine/providers/registry';
import { forgeEvent } from '../../electron/engine/sender/forge';
import {
  asDelivery,
  deliver,
  headerOf,
  startServer,
  tampered,
  type LoopbackServer,
} from './support';

const SECRET = 'It\u2019s a Secret to Everybody';
const github = requireProvider('github');
const PATH = '/api/github/webhooks';
const catalogueNames = new Set(github.events.map((event) => event.name));

describe('GitHub: @octokit/webhooks middleware accepts what Hookscope forges', () => {
  const seen: { id: string; name: string; action: unknown }[] = [];
  let server: LoopbackServer;

  beforeAll(async () => {
    const webhooks = new Webhooks({ secret: SECRET });
    webhooks.onAny(({ id, name, payload }) => {
      seen.push({ id, name, action: (payload as { action?: unknown }).action });
    });
    const quiet = (): void => undefined;
    const middleware = createNodeMiddleware(webhooks, {
      path: PATH,
      // The middleware logs refusals; they are asserted through its answers instead.
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    });
    server = await startServer(
      async (request, response) => {
        if (!(await middleware(request, response))) {
          response.statusCode = 404;
          response.end('not the webhook path');
        }
      },
      { readBody: false },
    );
  });
  afterAll(() => server.close());

  it('every catalogued event/action pair, signed by Hookscope, end to end over loopback', async () => {
    const refused: string[] = [];
    for (const event of github.events) {
      const request = forgeEvent({
        provider: github,
        event: event.name,
        url: server.url + PATH,
        secret: SECRET,
      });
      const answer = await deliver(request);
      if (answer.status !== 200) refused.push(`${event.name}: ${answer.status} ${answer.body}`);
      const delivered = seen.at(-1);
      // The middleware emits under the X-GitHub-Event name with the delivery id Hookscope made up.
      if (answer.status === 200) {
        expect(delivered?.id).toBe(headerOf(request.rawHeaders, 'X-GitHub-Delivery'));
        const paired = `${delivered?.name}.${String(delivered?.action)}`;
        // repository_dispatch carries a free-form action: the catalogue names it by event only.
        expect(catalogueNames.has(paired) ? paired : delivered?.name).toBe(event.name);
      }
    }
    expect(refused).toEqual([]);
    expect(seen.length).toBe(github.events.length);
    expect(github.events.length).toBe(catalogue.events.length);
  });

  it('refuses a tampered body and an unsigned forged event', async () => {
    const signed = forgeEvent({
      provider: github,
      event: 'push',
      url: server.url + PATH,
      secret: SECRET,
    });
    const bad = await deliver(tampered(signed));
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.body).toMatch(/signature does not match/i);
    const unsigned = await deliver(
      forgeEvent({ provider: github, event: 'push', url: server.url + PATH }),
    );
    expect(unsigned.status).toBe(400);
  });
});

describe('GitHub: @octokit/webhooks-methods sign and verify', () => {
  it('Hookscope signs, the library verifies; a tampered body fails', async () => {
    const request = forgeEvent({
      provider: github,
      event: 'issues.opened',
      url: 'http://127.0.0.1/x',
      secret: SECRET,
    });
    const body = new TextDecoder().decode(request.body);
    const signature = headerOf(request.rawHeaders, 'X-Hub-Signature-256');
    expect(await verify(SECRET, body, signature)).toBe(true);
    expect(await verify(SECRET, body.replace('opened', 'closed'), signature)).toBe(false);
  });

  it('the library signs, Hookscope verifies; a tampered body fails', async () => {
    const body = JSON.stringify({ action: 'opened', issue: { title: 'caf\u00e9 \u2603' } });
    const signature = await sign(SECRET, body);
    const context = { secrets: [SECRET], options: {}, now: Date.now() };
    const headers: [string, string][] = [
      ['X-GitHub-Event', 'issues'],
      ['X-Hub-Signature-256', signature],
    ];
    expect(
      github.verify(asDelivery({ url: 'http://127.0.0.1/x', rawHeaders: headers, body }), context)
        .status,
    ).toBe('valid');
    expect(
      github.verify(
        asDelivery({
          url: 'http://127.0.0.1/x',
          rawHeaders: headers,
          body: body.replace('opened', 'closed'),
        }),
        context,
      ).status,
    ).toBe('invalid');
  });
});

describe('GitHub catalogue is GitHub’s document', () => {
  const require = createRequire(import.meta.url);
  const packageJson = require('@octokit/openapi-webhooks/package.json') as {
    name: string;
    version: string;
  };
  const document = JSON.parse(
    readFileSync(
      require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'),
      'utf8',
    ),
  ) as { webhooks: Record<string, unknown>; components: { schemas: Record<string, unknown> } };

  it('was generated from the installed @octokit/openapi-webhooks (re-run scripts/generate-github-catalogue.mjs otherwise)', () => {
    expect(GITHUB_CATALOGUE_SOURCE).toBe(
      `${packageJson.name}@${packageJson.version} generated/api.github.com.json`,
    );
    expect(catalogue.events.map((event) => event.key).sort()).toEqual(
      Object.keys(document.webhooks).sort(),
    );
  });

  it('templates validate against GitHub’s original (unstripped) schemas (every 8th event)', () => {
    // The generator checks every template against the shipped (stripped) schemas; this checks that
    // stripping changed nothing, on a sample: each webhook compiles to a large validator (~1 s here).
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ components: document.components }, 'github');
    const invalid: string[] = [];
    let checked = 0;
    const sample = catalogue.events.filter(
      (entry, index) => index % 8 === 0 && entry.schema !== null,
    );
    for (const entry of sample) {
      const validate = ajv.getSchema(`github#/components/schemas/${entry.schema}`)!;
      const template = github.events.find((event) => event.name === entry.name)!.template;
      checked += 1;
      if (!validate(template)) invalid.push(`${entry.name}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(invalid).toEqual([]);
    expect(checked).toBe(sample.length);
    expect(checked).toBeGreaterThan(30);
  }, 300_000);
});
