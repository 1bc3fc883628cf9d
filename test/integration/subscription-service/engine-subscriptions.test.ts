// Subscriptions through the contract (dispatchCall + createApiHandlers) on the real engine: the
// engine's own handshake responder answers the Preservica stand-in's challenge, steps are pushed as
// events, and a URL change of a real SSH tunnel re-points the subscription at the stand-in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, PushedEvent } from '../../../electron/contract/api';
import { createEngine, type Engine } from '../../../electron/engine';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { startPreservicaStandIn, type PreservicaStandIn } from '../../support/preservica-standin';
import { startSshd, sshdAvailable, type Sshd } from '../../support/sshd';

const USER = { username: 'manager@example.org', password: 'correct horse', tenant: 'ACME' };
const SECRET = 'endpoint-shared-secret';

interface Harness {
  engine: Engine;
  handlers: Handlers;
  pushed: PushedEvent[];
  call(
    name: string,
    input?: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

async function startHarness(dataDir: string): Promise<Harness> {
  const engine = await createEngine({
    dataDir,
    receiverPort: 0,
    endpoints: [
      { path: '/preservica', provider: 'preservica', handshake: true, secrets: [SECRET] },
    ],
    tunnelOptions: { backoff: { initialMs: 100, maxMs: 1_000 } },
  });
  const handlers = createApiHandlers(engine, { shell: 'browser' });
  const pushed: PushedEvent[] = [];
  engine.events.on((event) => pushed.push(event));
  return {
    engine,
    handlers,
    pushed,
    call: (name, input) => dispatchCall(handlers, name, input) as ReturnType<Harness['call']>,
  };
}

function waitForEvent<E extends EventName>(
  harness: Harness,
  event: E,
  test: (payload: EventPayload<E>) => boolean = () => true,
): Promise<EventPayload<E>> {
  const matches = (item: PushedEvent) =>
    item.event === event && test(item.payload as EventPayload<E>);
  const seen = harness.pushed.find(matches);
  if (seen) return Promise.resolve(seen.payload as EventPayload<E>);
  return new Promise((resolve) => {
    const off = harness.engine.events.on((item) => {
      if (!matches(item)) return;
      off();
      resolve(item.payload as EventPayload<E>);
    });
  });
}

describe('subscriptions through the engine and the contract', () => {
  let preservica: PreservicaStandIn;
  let dataDir = '';
  let harness: Harness;

  beforeAll(async () => {
    preservica = await startPreservicaStandIn({ users: [USER] });
  });
  afterEach(async () => {
    await harness?.engine.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  afterAll(() => preservica.close());

  async function fresh(): Promise<Harness> {
    dataDir = await mkdtemp(join(tmpdir(), 'hookscope-engine-subs-'));
    harness = await startHarness(dataDir);
    return harness;
  }

  it('saves an account without ever giving its password back', async () => {
    const h = await fresh();
    const saved = await h.call('accounts:save', {
      provider: 'preservica',
      server: preservica.url,
      ...USER,
    });
    expect(saved.ok).toBe(true);
    expect(JSON.stringify(saved.value)).not.toContain(USER.password);
    expect(saved.value).toMatchObject({
      provider: 'preservica',
      username: USER.username,
      secretSaved: true,
    });
    const listed = await h.call('accounts:list');
    expect(JSON.stringify(listed.value)).not.toContain(USER.password);
    const bad = await h.call('accounts:save', {
      provider: 'preservica',
      server: 'ftp://x',
      username: 'u',
      password: 'p',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('creates a Preservica subscription: the engine answers the challenge, steps are pushed in order; list and delete work', async () => {
    const h = await fresh();
    const account = (
      await h.call('accounts:save', { provider: 'preservica', server: preservica.url, ...USER })
    ).value as { id: string };
    const url = `${h.engine.receiver.url}/preservica`;
    const created = await h.call('subscriptions:create', {
      accountId: account.id,
      endpointPath: '/preservica',
      event: 'MOVED',
      url,
      runId: 'run-1',
    });
    expect(created.error).toBeUndefined();
    const record = created.value as { id: string; remoteId: string; url: string };
    expect(record.url).toBe(url);
    const steps = h.pushed
      .filter(
        (item): item is Extract<PushedEvent, { event: 'subscriptions:progressed' }> =>
          item.event === 'subscriptions:progressed',
      )
      .map((item) => [item.payload.runId, item.payload.step]);
    expect(steps).toEqual([
      ['run-1', 'request-sent'],
      ['run-1', 'challenge-received'],
      ['run-1', 'challenge-answered'],
      ['run-1', 'subscription-created'],
    ]);
    const atStandIn = preservica.subscriptions.find((item) => item.id === record.remoteId);
    expect(atStandIn).toMatchObject({ url, triggerType: 'MOVED', secret: SECRET });

    const listed = (await h.call('subscriptions:list', { accountId: account.id })).value as {
      registered: { id: string }[];
      remote: { remoteId: string; registeredId: string | null }[];
    };
    expect(listed.registered.map((item) => item.id)).toEqual([record.id]);
    expect(listed.remote).toContainEqual(
      expect.objectContaining({ remoteId: record.remoteId, registeredId: record.id }),
    );

    const again = await h.call('subscriptions:create', {
      accountId: account.id,
      endpointPath: '/preservica',
      event: 'MOVED',
      url,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await h.call('subscriptions:delete', { id: record.id })).toEqual({
      ok: true,
      value: { removed: true },
    });
    expect(preservica.subscriptions.find((item) => item.id === record.remoteId)).toBeUndefined();
    expect(
      ((await h.call('subscriptions:list')).value as { registered: unknown[] }).registered,
    ).toEqual([]);
  });

  it('creates the endpoint with a fresh secret when the path has none, and refuses a path of another provider', async () => {
    const h = await fresh();
    const account = (
      await h.call('accounts:save', { provider: 'preservica', server: preservica.url, ...USER })
    ).value as { id: string };
    const created = await h.call('subscriptions:create', {
      accountId: account.id,
      endpointPath: '/fresh',
      event: 'INGEST_FAILED',
      url: `${h.engine.receiver.url}/fresh`,
    });
    expect(created.error).toBeUndefined();
    const endpoint = h.engine.endpoints().find((item) => item.path === '/fresh');
    expect(endpoint).toMatchObject({ provider: 'preservica', handshake: true });
    const remote = preservica.subscriptions.find((item) => item.url.endsWith('/fresh'));
    expect(remote?.secret).toBe(endpoint?.secrets?.[0]);

    h.engine.setEndpoints([
      ...h.engine.endpoints(),
      { path: '/gh', provider: 'github', secrets: ['x'] },
    ]);
    const refused = await h.call('subscriptions:create', {
      accountId: account.id,
      endpointPath: '/gh',
      event: 'MOVED',
      url: `${h.engine.receiver.url}/gh`,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(refused.error?.message).toContain('github');
  });

  it('says why when there is no public URL and no url given', async () => {
    const h = await fresh();
    const account = (
      await h.call('accounts:save', { provider: 'preservica', server: preservica.url, ...USER })
    ).value as { id: string };
    const refused = await h.call('subscriptions:create', {
      accountId: account.id,
      endpointPath: '/preservica',
      event: 'MOVED',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(refused.error?.message).toContain('start a tunnel');
  });

  it('gives Kanboard instructions with the URL to paste', async () => {
    const h = await fresh();
    const setup = (
      await h.call('subscriptions:manual-setup', {
        provider: 'kanboard',
        endpointPath: '/kanboard',
      })
    ).value as { copy: { label: string; value: string }[]; publicUrlIsTunnel: boolean };
    expect(setup.copy[0]).toEqual({
      label: 'Webhook URL',
      value: `${h.engine.receiver.url}/kanboard`,
    });
    expect(setup.publicUrlIsTunnel).toBe(false);
  });
});

describe.skipIf(!sshdAvailable)('re-pointing after the SSH tunnel URL changes', () => {
  let sshd: Sshd;
  let preservica: PreservicaStandIn;
  let dataDir = '';
  let harness: Harness | null = null;

  beforeAll(async () => {
    sshd = await startSshd();
    preservica = await startPreservicaStandIn({ users: [USER] });
    dataDir = await mkdtemp(join(tmpdir(), 'hookscope-repoint-'));
  });
  afterAll(async () => {
    await harness?.engine.close();
    await preservica?.close();
    await sshd?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('announces the new URL and, opted in, re-subscribes at the stand-in and records the result', async () => {
    const h = (harness = await startHarness(dataDir));
    const started = await h.call('tunnel:start', {
      provider: 'ssh',
      target: sshd.target,
      keyFile: sshd.userKeyFile,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
      remotePort: 0,
    });
    expect(started.ok).toBe(true);
    const first = await waitForEvent(h, 'tunnel:changed', (info) => info.status.state === 'online');
    const firstUrl = first.publicUrl ?? '';
    expect((await h.call('receiver:info')).value).toMatchObject({ publicUrl: firstUrl });

    const account = (
      await h.call('accounts:save', { provider: 'preservica', server: preservica.url, ...USER })
    ).value as { id: string };
    // No url: the tunnel's public URL + the path. The challenge travels through the tunnel.
    const created = await h.call('subscriptions:create', {
      accountId: account.id,
      endpointPath: '/preservica',
      event: 'MOVED',
    });
    expect(created.error).toBeUndefined();
    expect(preservica.subscriptions.map((item) => item.url)).toEqual([`${firstUrl}/preservica`]);
    expect(await h.call('subscriptions:settings', { autoRepoint: true })).toEqual({
      ok: true,
      value: { autoRepoint: true },
    });

    await sshd.killSessions();
    const change = await waitForEvent(h, 'tunnel:url-changed');
    expect(change).toMatchObject({
      previous: firstUrl,
      affectedSubscriptions: 1,
      autoRepoint: true,
    });
    const repointed = await waitForEvent(h, 'subscriptions:repointed');
    expect(repointed.automatic).toBe(true);
    expect(repointed.results).toEqual([
      expect.objectContaining({ ok: true, url: `${change.current}/preservica` }),
    ]);
    expect(preservica.subscriptions.map((item) => item.url)).toEqual([
      `${change.current}/preservica`,
    ]);
    const registered = (
      (await h.call('subscriptions:list')).value as { registered: { url: string }[] }
    ).registered;
    expect(registered.map((item) => item.url)).toEqual([`${change.current}/preservica`]);

    const history = (await h.call('tunnel:history')).value as {
      url: string;
      until: number | null;
    }[];
    expect(history.map((record) => record.url)).toEqual([firstUrl, change.current]);
    expect(history[1]?.until).toBeNull();
  });
});
