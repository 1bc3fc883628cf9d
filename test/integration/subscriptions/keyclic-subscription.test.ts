import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyclic as keyclicProvider } from '../../../electron/engine/providers/keyclic';
import { requireApiSubscriber } from '../../../electron/engine/subscriptions';
import { startKeyclicStandIn, type KeyclicStandIn } from '../../support/keyclic-standin';

// Keyclic through its provider's subscription capability, as the service and the CLI use it: the
// user may give the seed's snake_case name or the API's camelCase one; the API gets camelCase.

const ORG = '6a1f2b8e-0c3d-4e5f-9a7b-1c2d3e4f5a6b';
let keyclic: KeyclicStandIn;

beforeEach(async () => {
  keyclic = await startKeyclicStandIn({ tokens: { tok: [ORG] } });
});
afterEach(() => keyclic.close());

function connect() {
  const { api } = requireApiSubscriber(keyclicProvider.id);
  return api.connect({
    provider: keyclicProvider.id,
    server: keyclic.url,
    token: 'tok',
    organization: ORG,
  });
}

describe('Keyclic subscription capability against the stand-in', () => {
  it('sends the API spelling for a snake_case event, and refuses the camelCase twin as a duplicate', async () => {
    const client = connect();
    const created = await client.subscribe({
      url: 'https://hooks.example/keyclic',
      event: 'report_created',
    });
    expect(created.ok && created.value.event).toBe('reportCreated');
    expect(keyclic.webhooks.map((webhook) => webhook.event)).toEqual(['reportCreated']);

    const twin = await client.subscribe({
      url: 'https://hooks.example/keyclic',
      event: 'reportCreated',
    });
    expect(twin.ok ? null : twin.error.code).toBe('duplicate');
    expect(keyclic.webhooks).toHaveLength(1);
  });

  it('moves a webhook in place (update) and lists it at the new URL', async () => {
    const client = connect();
    const created = await client.subscribe({
      url: 'https://old.example/keyclic',
      event: 'operation_state_changed',
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(client.update).toBeDefined();
    const moved = await client.update?.(created.value.id, { url: 'https://new.example/keyclic' });
    expect(moved?.ok).toBe(true);
    const listed = await client.list();
    expect(listed.ok && listed.value).toEqual([
      { id: created.value.id, url: 'https://new.example/keyclic', event: 'operationStateChanged' },
    ]);
  });

  it('passes on the API refusal of an event it does not know', async () => {
    const refused = await connect().subscribe({
      url: 'https://hooks.example/keyclic',
      event: 'operation_removed',
    });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toMatch(/not a valid choice/);
  });
});
