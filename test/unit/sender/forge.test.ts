import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../electron/engine/inspect/schema-check';
import { findProvider } from '../../../electron/engine/providers/registry';
import type { Provider } from '../../../electron/engine/providers/types';
import {
  UnknownEventError,
  forgeEvent,
  parseExactJson,
  resolveEvent,
  stringifyExactJson,
} from '../../../electron/engine/sender/forge';

const NOW = 1_770_000_000_000;
const URL_TARGET = 'http://127.0.0.1:9/hook';
const text = (body: Uint8Array): string => new TextDecoder().decode(body);
const names = (headers: readonly (readonly [string, string])[]): string[] =>
  headers.map(([name]) => name);

function provider(id: string): Provider {
  const found = findProvider(id);
  if (!found) throw new Error(`no provider ${id}`);
  return found;
}

/** A provider that declares forge(), aliases and a `{{event}}` template, like Keyclic will. */
const spelled: Provider = {
  id: 'spelled',
  name: 'Spelled',
  detect: () => null,
  verify: () => ({ status: 'not-applicable', reason: 'test provider' }),
  sign: (request, secret) => ({
    ...request,
    rawHeaders: [...request.rawHeaders, ['X-Sig', `${secret}:${text(request.body).length}`]],
  }),
  forge: ({ event, now }) => ({
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Event', event],
      ['X-Sent', String(now)],
    ],
    framing: 'chunked',
  }),
  events: [
    {
      name: 'report_created',
      description: 'A report was created.',
      template: { event: '{{event}}' },
    },
  ],
  eventAliases: { reportCreated: 'report_created' },
};

describe('forgeEvent', () => {
  it('sends the provider forge() headers, then the user headers, then the signature, with its framing', () => {
    const request = forgeEvent({
      provider: spelled,
      event: 'report_created',
      url: URL_TARGET,
      now: NOW,
      extraHeaders: [['X-Mine', '1']],
      secret: 's',
    });
    expect(names(request.rawHeaders)).toEqual([
      'Content-Type',
      'X-Event',
      'X-Sent',
      'X-Mine',
      'X-Sig',
    ]);
    expect(request.rawHeaders).toContainEqual(['X-Sent', String(NOW)]);
    expect(request.framing).toBe('chunked');
  });

  it('resolves aliases to the canonical event and expands {{event}} to the spelling the user typed', () => {
    const camel = forgeEvent({ provider: spelled, event: 'reportCreated', url: URL_TARGET });
    expect(JSON.parse(text(camel.body))).toEqual({ event: 'reportCreated' });
    // The provider is told the canonical name.
    expect(camel.rawHeaders).toContainEqual(['X-Event', 'report_created']);
    const snake = forgeEvent({ provider: spelled, event: 'report_created', url: URL_TARGET });
    expect(JSON.parse(text(snake.body))).toEqual({ event: 'report_created' });
    expect(resolveEvent(spelled, 'reportCreated').name).toBe('report_created');
  });

  it('lists every valid name and alias when the event is unknown', () => {
    expect(() => forgeEvent({ provider: spelled, event: 'nope', url: URL_TARGET })).toThrow(
      UnknownEventError,
    );
    expect(() => resolveEvent(spelled, 'nope')).toThrow(
      'provider "spelled" has no event "nope"; known: report_created, reportCreated (= report_created)',
    );
  });

  it('keeps the generic Content-Type/User-Agent pair for providers without forge()', () => {
    const plain: Provider = { ...spelled, forge: undefined, sign: undefined };
    const request = forgeEvent({ provider: plain, event: 'report_created', url: URL_TARGET });
    expect(names(request.rawHeaders)).toEqual(['Content-Type', 'User-Agent']);
    expect(request.framing).toBeUndefined();
  });

  it('GitHub: every header @octokit/webhooks needs, fresh ids, the bare event name as an alias', () => {
    const github = provider('github');
    const first = forgeEvent({
      provider: github,
      event: 'pull_request',
      url: URL_TARGET,
      secret: 'x',
    });
    const second = forgeEvent({ provider: github, event: 'pull_request.opened', url: URL_TARGET });
    const value = (request: typeof first, name: string): string | undefined =>
      request.rawHeaders.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    expect(value(first, 'X-GitHub-Event')).toBe('pull_request');
    expect(JSON.parse(text(first.body)).action).toBe('opened');
    expect(value(first, 'X-GitHub-Delivery')).toMatch(/^[0-9a-f-]{36}$/);
    expect(value(first, 'X-GitHub-Delivery')).not.toBe(value(second, 'X-GitHub-Delivery'));
    expect(value(first, 'User-Agent')).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    expect(value(first, 'X-GitHub-Hook-ID')).toMatch(/^\d+$/);
    expect(value(first, 'X-GitHub-Hook-Installation-Target-Type')).toBe('repository');
    expect(value(first, 'X-Hub-Signature-256')).toMatch(/^sha256=[0-9a-f]{64}$/);
    // Signature headers come last, after GitHub's own.
    expect(names(first.rawHeaders).slice(-2)).toEqual(['X-Hub-Signature-256', 'X-Hub-Signature']);
  });

  it('Shopify: ids beyond 2^53 stay exact, with and without --set edits', () => {
    const shopify = provider('shopify');
    const plain = text(
      forgeEvent({ provider: shopify, event: 'orders/create', url: URL_TARGET }).body,
    );
    expect(plain).toContain('"id": 820982911946154508');
    expect(plain).not.toContain('820982911946154500');
    const edited = text(
      forgeEvent({
        provider: shopify,
        event: 'orders/create',
        url: URL_TARGET,
        sets: ['/email=a@b.c', '/line_items/0/quantity=3'],
      }).body,
    );
    expect(edited).toContain('"id":820982911946154508');
    expect(edited).toContain('"id":866550311766439020');
    expect(edited).toContain('"email":"a@b.c"');
    expect(edited).toContain('"quantity":3');
  });

  it('sends a text template (Twilio form body) as text, not as a JSON string', () => {
    const request = forgeEvent({
      provider: provider('twilio'),
      event: 'incoming-message',
      url: URL_TARGET,
    });
    expect(text(request.body).startsWith('ToCountry=US&')).toBe(true);
    expect(request.rawHeaders).toContainEqual([
      'Content-Type',
      'application/x-www-form-urlencoded',
    ]);
  });

  it('Standard Webhooks: the signature covers the webhook-id and timestamp forge() sent', () => {
    const secret = 'whsec_' + Buffer.from('k'.repeat(24)).toString('base64');
    const request = forgeEvent({
      provider: provider('standard-webhooks'),
      event: 'invoice.paid',
      url: URL_TARGET,
      now: NOW,
      secret,
    });
    const ids = request.rawHeaders.filter(([name]) => name === 'webhook-id');
    expect(ids).toHaveLength(1);
    expect(request.rawHeaders).toContainEqual(['webhook-timestamp', String(NOW / 1000)]);
  });

  it('GitHub catalogue schemas judge forged bodies through the inspector (sample)', () => {
    // The whole catalogue is checked against GitHub's own document in test/conformance/github.test.ts.
    const github = provider('github');
    for (const name of ['push', 'pull_request.opened', 'ping']) {
      const event = resolveEvent(github, name);
      const body = JSON.parse(
        text(forgeEvent({ provider: github, event: name, url: URL_TARGET }).body),
      );
      expect(checkSchema(event.schema ?? null, body).status).toBe('valid');
      expect(checkSchema(event.schema ?? null, { ...body, sender: 42 }).status).toBe('invalid');
    }
  }, 60_000);
});

describe('exact JSON', () => {
  it('round-trips integers beyond 2^53 and leaves strings and safe numbers alone', () => {
    const source =
      '{"a":820982911946154508,"b":"12345678901234567890","c":-9007199254740993,"d":1.5e3,"e":[42]}';
    const parsed = parseExactJson(source) as Record<string, unknown>;
    expect(parsed['b']).toBe('12345678901234567890');
    expect(parsed['d']).toBe(1500);
    expect(stringifyExactJson(parsed)).toBe(
      '{"a":820982911946154508,"b":"12345678901234567890","c":-9007199254740993,"d":1500,"e":[42]}',
    );
  });
});
