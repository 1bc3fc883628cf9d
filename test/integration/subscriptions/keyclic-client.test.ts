import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKeyclicClient,
  type KeyclicConnection,
} from '../../../electron/engine/providers/keyclic/subscription-client';
import { startKeyclicStandIn, type KeyclicStandIn } from '../../support/keyclic-standin';

const ORG = '6a1f2b8e-0c3d-4e5f-9a7b-1c2d3e4f5a6b';
const OTHER_ORG = '0b0b0b0b-1111-4222-8333-444455556666';
let keyclic: KeyclicStandIn;

function connection(overrides: Partial<KeyclicConnection> = {}): KeyclicConnection {
  return {
    server: keyclic.url,
    token: 'good-token',
    organization: ORG,
    ...overrides,
  };
}

beforeEach(async () => {
  keyclic = await startKeyclicStandIn({ tokens: { 'good-token': [ORG] }, maxPageSize: 2 });
});
afterEach(() => keyclic.close());

describe('Keyclic webhook client against the stand-in', () => {
  it('creates, lists across pages, reads, updates and deletes webhooks', async () => {
    const client = createKeyclicClient(connection());
    const created = [];
    for (const event of ['reportCreated', 'reportStateChanged', 'operationCreated']) {
      const outcome = await client.create({
        event,
        payloadUrl: `https://hooks.example/keyclic/${event}`,
      });
      expect(outcome.ok).toBe(true);
      if (outcome.ok) created.push(outcome.value);
    }
    expect(keyclic.webhooks.map((webhook) => webhook.organization)).toEqual([ORG, ORG, ORG]);
    expect(keyclic.requests.every((request) => request.authorization === 'Bearer good-token')).toBe(
      true,
    );

    // maxPageSize 2: the third webhook is on page 2.
    const listed = await client.list();
    expect(listed.ok && listed.value.map((webhook) => webhook.event)).toEqual([
      'reportCreated',
      'reportStateChanged',
      'operationCreated',
    ]);
    expect(
      keyclic.requests.filter((request) => request.path.includes('/webhooks?page=2')),
    ).toHaveLength(1);

    const first = created[0]!;
    const read = await client.get(first.id);
    expect(read.ok && read.value.payloadUrl).toBe('https://hooks.example/keyclic/reportCreated');

    const moved = await client.update(first.id, { payloadUrl: 'https://new.example/keyclic' });
    expect(moved.ok && moved.value.payloadUrl).toBe('https://new.example/keyclic');
    expect(keyclic.webhooks.find((webhook) => webhook.id === first.id)?.payloadUrl).toBe(
      'https://new.example/keyclic',
    );

    expect((await client.remove(first.id)).ok).toBe(true);
    expect(keyclic.webhooks.map((webhook) => webhook.id)).not.toContain(first.id);
    const gone = await client.get(first.id);
    expect(!gone.ok && gone.error.code).toBe('not-found');
  });

  it('refuses a duplicate webhook without creating it', async () => {
    const client = createKeyclicClient(connection());
    const webhook = { event: 'reportCreated', payloadUrl: 'https://hooks.example/k' };
    expect((await client.create(webhook)).ok).toBe(true);
    const again = await client.create(webhook);
    expect(!again.ok && again.error.code).toBe('duplicate');
    expect(keyclic.webhooks).toHaveLength(1);
  });

  it('reports a rejected token as an authentication failure', async () => {
    const outcome = await createKeyclicClient(connection({ token: 'stale-token' })).create({
      event: 'reportCreated',
      payloadUrl: 'https://hooks.example/k',
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('auth');
      expect(outcome.error.message).toMatch(/Keyclic rejected the API token \(HTTP 401\)/);
      expect(outcome.error.serverMessage).toBe('Invalid JWT Token');
    }
    expect(keyclic.webhooks).toHaveLength(0);
  });

  it('explains an organization the token may not manage', async () => {
    const outcome = await createKeyclicClient(connection({ organization: OTHER_ORG })).list();
    expect(!outcome.ok && outcome.error.code).toBe('forbidden');
    if (!outcome.ok) expect(outcome.error.message).toContain(OTHER_ORG);
  });

  it("surfaces Keyclic's validation messages", async () => {
    const outcome = await createKeyclicClient(connection()).create({
      event: 'operationRemoved',
      payloadUrl: 'https://hooks.example/k',
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('rejected');
      expect(outcome.error.message).toMatch(
        /Validation Failed; event: The value you selected is not a valid choice/,
      );
    }
  });

  it('rejects a payload URL that is not http(s) before calling Keyclic', async () => {
    const outcome = await createKeyclicClient(connection()).create({
      event: 'reportCreated',
      payloadUrl: 'ftp://x',
    });
    expect(!outcome.ok && outcome.error.code).toBe('invalid-input');
    expect(keyclic.requests).toHaveLength(0);
  });
});
