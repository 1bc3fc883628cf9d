import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileVault } from '../../../electron/engine/secrets';
import {
  createAccountBook,
  createRepointer,
  createSubscriptionRegistry,
  requireApiSubscriber,
  type AccountBook,
  type SubscriptionConnection,
  type SubscriptionRegistry,
} from '../../../electron/engine/subscriptions';
import { startKeyclicStandIn, type KeyclicStandIn } from '../../support/keyclic-standin';
import { startPreservicaStandIn, type PreservicaStandIn } from '../../support/preservica-standin';
import { closedPort, startReceivingEngine, type ReceivingEngine } from './receiving-engine';

const SECRET = 'repoint-secret';
const ORG = '6a1f2b8e-0c3d-4e5f-9a7b-1c2d3e4f5a6b';
const endpoints = [
  { path: '/preservica', provider: 'preservica', secrets: [SECRET], handshake: true },
];

let dataDir: string;
let preservica: PreservicaStandIn;
let keyclic: KeyclicStandIn;
let oldEngine: ReceivingEngine;
let newEngine: ReceivingEngine;
let accounts: AccountBook;
let registry: SubscriptionRegistry;
let preservicaAccount: string;
let keyclicAccount: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hookscope-repoint-'));
  preservica = await startPreservicaStandIn({
    users: [{ username: 'u', password: 'p', tenant: 'T' }],
  });
  keyclic = await startKeyclicStandIn({ tokens: { tok: [ORG] } });
  oldEngine = await startReceivingEngine(endpoints);
  newEngine = await startReceivingEngine(endpoints);
  const vault = createFileVault(join(dataDir, 'secrets.json'));
  accounts = createAccountBook(dataDir, vault);
  registry = createSubscriptionRegistry(dataDir, vault);
  preservicaAccount = accounts.save({
    provider: 'preservica',
    server: preservica.url,
    username: 'u',
    password: 'p',
    tenant: 'T',
  }).id;
  keyclicAccount = accounts.save({
    provider: 'keyclic',
    server: keyclic.url,
    token: 'tok',
    organization: ORG,
  }).id;
});
afterEach(async () => {
  await Promise.all([preservica.close(), keyclic.close(), oldEngine.close(), newEngine.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

/** The account's client through its provider's subscription capability, as the service does. */
function connect(accountId: string): SubscriptionConnection {
  const connection = accounts.connection(accountId);
  return requireApiSubscriber(connection.provider).api.connect(connection);
}

function repointer() {
  return createRepointer({ registry, connection: connect });
}

/** Subscribes both providers at the old URL, as the subscribe commands would, and records them. */
async function subscribeAtOldUrl() {
  const created = await connect(preservicaAccount).subscribe({
    url: `${oldEngine.url}/preservica`,
    event: 'MOVED',
    secret: SECRET,
  });
  if (!created.ok) throw new Error(created.error.message);
  const preservicaEntry = registry.add(
    {
      provider: 'preservica',
      accountId: preservicaAccount,
      remoteId: created.value.id,
      endpointPath: '/preservica',
      url: `${oldEngine.url}/preservica`,
      event: 'MOVED',
    },
    SECRET,
  );
  const webhook = await connect(keyclicAccount).subscribe({
    event: 'reportCreated',
    url: `${oldEngine.url}/keyclic`,
  });
  if (!webhook.ok) throw new Error(webhook.error.message);
  const keyclicEntry = registry.add({
    provider: 'keyclic',
    accountId: keyclicAccount,
    remoteId: webhook.value.id,
    endpointPath: '/keyclic',
    url: `${oldEngine.url}/keyclic`,
    event: 'reportCreated',
  });
  const elsewhere = registry.add({
    provider: 'keyclic',
    accountId: keyclicAccount,
    remoteId: 'not-touched',
    endpointPath: '/keyclic',
    url: 'https://elsewhere.example/keyclic',
    event: 'reportCreated',
  });
  return { preservicaEntry, keyclicEntry, elsewhere, oldPreservicaId: created.value.id };
}

describe('re-pointing subscriptions when the public URL changes', () => {
  it('moves Preservica (re-subscribe with a new challenge) and Keyclic (PATCH) to the new URL', async () => {
    const { preservicaEntry, keyclicEntry, elsewhere, oldPreservicaId } = await subscribeAtOldUrl();
    await oldEngine.close(); // the old tunnel URL is gone

    const results = await repointer().repointAll(oldEngine.url, newEngine.url);

    expect(results.map((result) => [result.id, result.ok])).toEqual([
      [preservicaEntry.id, true],
      [keyclicEntry.id, true],
    ]);
    const newUrl = `${newEngine.url}/preservica`;
    expect(preservica.subscriptions.map((item) => item.url)).toEqual([newUrl]);
    expect(preservica.subscriptions[0]?.id).not.toBe(oldPreservicaId);
    expect(preservica.subscriptions[0]?.secret).toBe(SECRET);
    const lastChallenge = preservica.challenges.at(-1);
    expect(lastChallenge?.url.startsWith(`${newUrl}?challengeCode=`)).toBe(true);
    expect(lastChallenge?.passed).toBe(true);
    expect(
      newEngine.engine.store
        .list({ limit: 5, endpoint: '/preservica' })
        .items.some((item) => item.handshake),
    ).toBe(true);

    expect(keyclic.webhooks.map((webhook) => webhook.payloadUrl)).toEqual([
      `${newEngine.url}/keyclic`,
    ]);

    expect(registry.get(preservicaEntry.id)).toMatchObject({
      url: newUrl,
      remoteId: preservica.subscriptions[0]?.id,
    });
    expect(registry.get(keyclicEntry.id)).toMatchObject({
      url: `${newEngine.url}/keyclic`,
      remoteId: keyclicEntry.remoteId,
    });
    expect(registry.get(elsewhere.id)).toEqual(elsewhere);
    expect(registry.secretOf(preservicaEntry.id)).toBe(SECRET);
  });

  it('keeps and reports the old Preservica subscription when the new URL fails its challenge', async () => {
    const { preservicaEntry, keyclicEntry, oldPreservicaId } = await subscribeAtOldUrl();
    const dead = await closedPort();
    const deadUrl = `http://127.0.0.1:${dead}`;

    const results = await repointer().repointAll(oldEngine.url, deadUrl);

    const preservicaResult = results.find((result) => result.id === preservicaEntry.id);
    expect(preservicaResult?.ok).toBe(false);
    expect(preservicaResult?.message).toMatch(/Could not subscribe .*left in place/);
    expect(preservica.subscriptions.map((item) => item.id)).toEqual([oldPreservicaId]);
    expect(registry.get(preservicaEntry.id)).toEqual(preservicaEntry);
    // Keyclic does not check the URL: it moves regardless, and says so.
    expect(results.find((result) => result.id === keyclicEntry.id)?.ok).toBe(true);
  });

  it('reports a Keyclic webhook deleted outside Hookscope and drops it from the registry', async () => {
    const { keyclicEntry } = await subscribeAtOldUrl();
    keyclic.webhooks.splice(0, keyclic.webhooks.length);
    const results = await repointer().repointAll(oldEngine.url, newEngine.url);
    const result = results.find((item) => item.id === keyclicEntry.id);
    expect(result?.ok).toBe(false);
    expect(result?.message).toMatch(/no longer exists/);
    expect(registry.get(keyclicEntry.id)).toBeNull();
  });
});
