import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryQuery } from '../../../electron/contract/delivery';
import type { NewDelivery } from '../../../electron/engine/delivery';
import { openDeliveryStore } from '../../../electron/engine/store';
import type { SqliteDeliveryStore } from '../../../electron/engine/store';
import {
  FAILING_VERDICT,
  makeDelivery,
  OK_VERDICT,
  tempDir,
  WARNING_VERDICT,
} from './store-fixtures';

const text = (value: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(value);

describe('delivery store: list, count and search', () => {
  const temp = tempDir();
  let store: SqliteDeliveryStore;
  const byName = new Map<string, NewDelivery>();

  const add = (name: string, overrides: Partial<NewDelivery>): void => {
    const delivery = makeDelivery(overrides);
    byName.set(name, delivery);
    store.appendBatch([delivery]);
  };
  const names = (query: DeliveryQuery): string[] => {
    const ids = store.list({ limit: 1000, ...query }).items.map((item) => item.id);
    return ids.map((id) => [...byName].find(([, d]) => d.id === id)?.[0] ?? id);
  };

  beforeAll(() => {
    store = openDeliveryStore(temp.file());
    add('github-push', {
      method: 'POST',
      target: '/gh/events?delivery=123',
      endpoint: 'github',
      receivedAt: 1000,
      provider: 'github',
      event: 'push',
      verdict: OK_VERDICT,
      rawHeaders: [
        ['X-GitHub-Event', 'push'],
        ['Content-Type', 'application/json'],
      ],
      body: text('{"ref":"refs/heads/main","pusher":{"name":"octocat"}}'),
      response: { status: 200, rawHeaders: [], body: new Uint8Array(0), latencyMs: 1 },
    });
    add('github-issue', {
      method: 'POST',
      target: '/gh/events',
      endpoint: 'github',
      receivedAt: 2000,
      provider: 'github',
      event: 'issues',
      verdict: FAILING_VERDICT,
      body: text('{"action":"opened","issue":{"title":"Crème brûlée recipe"}}'),
      response: { status: 401, rawHeaders: [], body: new Uint8Array(0), latencyMs: 1 },
    });
    add('stripe-get', {
      method: 'get',
      target: '/stripe/hook?q=hello%20world',
      endpoint: 'stripe',
      receivedAt: 3000,
      provider: 'stripe',
      event: 'invoice.paid',
      verdict: WARNING_VERDICT,
      rawHeaders: [['Stripe-Signature', 't=1,v1=deadbeef']],
      body: new Uint8Array(0),
    });
    add('binary', {
      method: 'PUT',
      target: '/upload/[raw]*?',
      endpoint: null,
      receivedAt: 4000,
      rawHeaders: [['Content-Type', 'application/octet-stream']],
      // Binary bytes that happen to spell a word must not be searchable: the body is not text.
      body: Uint8Array.from([0, 1, 2, ...text('secretword'), 255]),
    });
    add('big-text', {
      method: 'POST',
      target: '/gh/eventsextra',
      endpoint: 'github',
      receivedAt: 5000,
      body: text(`${'a '.repeat(600_000)} needleafterthecap`),
    });
  });
  afterAll(() => {
    store.close();
    temp.remove();
  });

  it('lists newest first and pages with nextBeforeSeq until null', () => {
    expect(names({})).toEqual(['big-text', 'binary', 'stripe-get', 'github-issue', 'github-push']);
    const pages: string[][] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = store.list({ limit: 2, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
      pages.push(page.items.map((item) => item.target));
      if (page.nextBeforeSeq === null) break;
      beforeSeq = page.nextBeforeSeq;
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toHaveLength(5);
    expect(new Set(pages.flat()).size).toBe(5);
    expect(store.list({ limit: 5 }).nextBeforeSeq).toBeNull();
  });

  it('returns small summaries without bodies', () => {
    const item = store.list({ limit: 1 }).items[0];
    expect(item).toBeDefined();
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [
        'badge',
        'contentType',
        'endpoint',
        'event',
        'handshake',
        'id',
        'method',
        'provider',
        'receivedAt',
        'responseStatus',
        'seq',
        'size',
        'target',
        'truncated',
        'via',
      ].sort(),
    );
  });

  it('filters by each field', () => {
    expect(names({ method: 'POST' })).toEqual(['big-text', 'github-issue', 'github-push']);
    expect(names({ method: 'GET' })).toEqual(['stripe-get']);
    expect(names({ pathPrefix: '/gh/events' })).toEqual([
      'big-text',
      'github-issue',
      'github-push',
    ]);
    expect(names({ pathPrefix: '/upload/[raw]*' })).toEqual(['binary']);
    expect(names({ pathPrefix: '/upload/[x' })).toEqual([]);
    expect(names({ pathPrefix: '/GH' })).toEqual([]);
    expect(names({ endpoint: 'stripe' })).toEqual(['stripe-get']);
    expect(names({ since: 2000, until: 3000 })).toEqual(['stripe-get', 'github-issue']);
    expect(names({ since: 4500 })).toEqual(['big-text']);
    expect(names({ provider: 'github' })).toEqual(['github-issue', 'github-push']);
    expect(names({ event: 'invoice.paid' })).toEqual(['stripe-get']);
    expect(names({ badge: 'ok' })).toEqual(['github-push']);
    expect(names({ badge: 'fail' })).toEqual(['github-issue']);
    expect(names({ badge: 'warning' })).toEqual(['stripe-get']);
    expect(names({ badge: 'none' })).toEqual(['big-text', 'binary']);
    expect(names({ responseStatus: 401 })).toEqual(['github-issue']);
    expect(names({ provider: 'github', event: 'push', method: 'POST' })).toEqual(['github-push']);
  });

  it('counts with the same filters', () => {
    expect(store.count()).toBe(5);
    expect(store.count({ provider: 'github' })).toBe(2);
    expect(store.count({ text: 'octocat' })).toBe(1);
    expect(store.count({ endpoint: 'nobody' })).toBe(0);
  });

  it('searches headers, text bodies, target and decoded target', () => {
    expect(names({ text: 'octocat' })).toEqual(['github-push']);
    expect(names({ text: 'OCTO' })).toEqual(['github-push']);
    expect(names({ text: 'x-github-event' })).toEqual(['github-push']);
    expect(names({ text: 'deadbeef' })).toEqual(['stripe-get']);
    expect(names({ text: 'creme brulee' })).toEqual(['github-issue']);
    expect(names({ text: 'hello world' })).toEqual(['stripe-get']);
    expect(names({ text: 'refs/heads/main' })).toEqual(['github-push']);
    expect(names({ text: 'octocat opened' })).toEqual([]);
    expect(names({ text: 'secretword' })).toEqual([]);
    // Bodies are searched whole (issue 17): text past the first MiB is found too.
    expect(names({ text: 'needleafterthecap' })).toEqual(['big-text']);
    expect(names({ text: 'upload' })).toEqual(['binary']);
    expect(names({ text: 'octocat', endpoint: 'stripe' })).toEqual([]);
  });

  it('never throws on hostile search text', () => {
    const hostile = [
      '"foo',
      'AND(',
      'OR',
      'NOT',
      'NEAR(a b, 2)',
      'a OR b',
      '*',
      '^start',
      'body:octocat',
      '{target body}: x',
      '(((',
      ')',
      '""',
      "'; DROP TABLE deliveries; --",
      '\u0000octocat',
      'octo\u0000cat',
      '🙂 🙃',
      '\ud800',
      '+-/\\',
      ' ',
      '',
      'x'.repeat(10_000),
    ];
    for (const query of hostile) {
      expect(() => store.list({ text: query }), query).not.toThrow();
      expect(() => store.count({ text: query }), query).not.toThrow();
    }
    // Operators are searched as words, not obeyed.
    expect(names({ text: 'octocat OR opened' })).toEqual([]);
    expect(names({ text: '"octocat' })).toEqual(['github-push']);
    expect(names({ text: 'body:octocat' })).toEqual([]);
    // Text with nothing searchable is no filter at all.
    expect(names({ text: '*' })).toHaveLength(5);
    expect(store.count()).toBe(5);
  });
});
