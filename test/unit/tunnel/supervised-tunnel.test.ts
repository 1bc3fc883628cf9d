// The provider-independent state machine, driven by a scripted connector. The real providers are
// exercised against a real sshd and the real ngrok SDK in test/integration/tunnel.
import { afterEach, describe, expect, it } from 'vitest';
import type {
  SessionHealth,
  TunnelConnector,
  TunnelSession,
} from '../../../electron/engine/tunnel/connector';
import { SupervisedTunnel } from '../../../electron/engine/tunnel/supervised-tunnel';
import { TunnelError } from '../../../electron/engine/tunnel/tunnel-error';
import type {
  TunnelOptions,
  TunnelStatus,
  TunnelUrlChange,
} from '../../../electron/engine/tunnel/types';
import { recordStatuses, waitForStatus } from '../../support/tunnel-status';

type Step = { url: string } | { fail: TunnelError };

/** Connects according to a script; each session can be dropped from the test. */
class ScriptedConnector {
  readonly drops: Array<(error: TunnelError) => void> = [];
  closed = 0;
  health: SessionHealth | null = null;

  constructor(private readonly steps: Step[]) {}

  readonly connect: TunnelConnector = async (health) => {
    this.health = health;
    const step = this.steps.shift();
    if (!step) return new Promise<never>(() => {});
    if ('fail' in step) throw step.fail;
    let drop: (error: TunnelError) => void = () => {};
    const dropped = new Promise<TunnelError>((resolve) => {
      drop = resolve;
    });
    this.drops.push(drop);
    const session: TunnelSession = {
      publicUrl: step.url,
      dropped,
      close: async () => {
        this.closed += 1;
      },
    };
    return session;
  };
}

const QUICK: TunnelOptions = { backoff: { initialMs: 2, maxMs: 8 }, random: () => 0.5 };
const retryable = (message: string) => new TunnelError(message, { retryable: true });
const fatal = (message: string) => new TunnelError(message, { retryable: false });

describe('SupervisedTunnel', () => {
  const tunnels: SupervisedTunnel[] = [];
  const start = (
    connector: ScriptedConnector,
    options: TunnelOptions = QUICK,
  ): SupervisedTunnel => {
    const tunnel = new SupervisedTunnel('ssh', connector.connect, options);
    tunnels.push(tunnel);
    return tunnel;
  };
  afterEach(async () => {
    await Promise.all(tunnels.splice(0).map((tunnel) => tunnel.stop()));
  });

  it('starts connecting, then goes online with the URL', async () => {
    const tunnel = start(new ScriptedConnector([{ url: 'https://a.example.test' }]));
    expect(tunnel.status).toEqual({ state: 'connecting' });
    expect(await waitForStatus(tunnel, 'online')).toEqual({
      state: 'online',
      publicUrl: 'https://a.example.test',
    });
    expect(tunnel.publicUrl).toBe('https://a.example.test');
    expect(tunnel.urlHistory).toEqual([
      { url: 'https://a.example.test', since: expect.any(Number), until: null },
    ]);
  });

  it('stops at error, without retrying, when the failure cannot be fixed by retrying', async () => {
    const connector = new ScriptedConnector([
      { fail: fatal('bad key') },
      { url: 'https://never.test' },
    ]);
    const tunnel = start(connector);
    const statuses = recordStatuses(tunnel);
    expect(await waitForStatus(tunnel, 'error')).toEqual({ state: 'error', reason: 'bad key' });
    expect(tunnel.status).toEqual({ state: 'error', reason: 'bad key' });
    await tunnel.stop();
    expect(statuses).toEqual([{ state: 'error', reason: 'bad key' }, { state: 'offline' }]);
  });

  it('retries retryable failures with growing backoff, then goes online', async () => {
    const connector = new ScriptedConnector([
      { fail: retryable('net down') },
      { fail: retryable('still down') },
      { url: 'https://a.example.test' },
    ]);
    const tunnel = start(connector);
    const statuses = recordStatuses(tunnel);
    await waitForStatus(tunnel, 'online');
    expect(statuses).toEqual([
      { state: 'reconnecting', attempt: 1, reason: 'net down', nextRetryMs: 2 },
      { state: 'reconnecting', attempt: 2, reason: 'still down', nextRetryMs: 3 },
      { state: 'online', publicUrl: 'https://a.example.test' },
    ]);
  });

  it('wraps unexpected throws into a readable, retryable reason', async () => {
    const tunnel = new SupervisedTunnel(
      'ngrok',
      async () => {
        throw new Error('boom');
      },
      QUICK,
    );
    tunnels.push(tunnel);
    expect((await waitForStatus(tunnel, 'reconnecting')).reason).toBe('ngrok tunnel failed: boom');
  });

  it('reconnects after a drop, emits url-changed for a new URL and keeps the URL history', async () => {
    const connector = new ScriptedConnector([
      { url: 'https://a.example.test' },
      { url: 'https://b.example.test' },
    ]);
    const tunnel = start(connector);
    await waitForStatus(tunnel, 'online');
    const statuses = recordStatuses(tunnel);
    const changes: TunnelUrlChange[] = [];
    tunnel.on('url-changed', (change) => changes.push(change));

    connector.drops[0]?.(retryable('link lost'));
    await waitForStatus(tunnel, 'online', { includeCurrent: false });

    expect(statuses).toEqual([
      { state: 'reconnecting', attempt: 1, reason: 'link lost', nextRetryMs: 2 },
      { state: 'online', publicUrl: 'https://b.example.test' },
    ]);
    expect(changes).toEqual([
      { previous: 'https://a.example.test', current: 'https://b.example.test' },
    ]);
    const [first, second] = tunnel.urlHistory;
    expect(first?.until).toBe(second?.since);
    expect(second?.until).toBeNull();
    expect(connector.closed).toBe(1);
  });

  it('does not emit url-changed when the reconnect brings the same URL back', async () => {
    const connector = new ScriptedConnector([
      { url: 'https://same.test' },
      { url: 'https://same.test' },
    ]);
    const tunnel = start(connector);
    await waitForStatus(tunnel, 'online');
    const changes: TunnelUrlChange[] = [];
    tunnel.on('url-changed', (change) => changes.push(change));
    connector.drops[0]?.(retryable('blip'));
    await waitForStatus(tunnel, 'online', { includeCurrent: false });
    expect(changes).toEqual([]);
    expect(tunnel.urlHistory).toHaveLength(1);
  });

  it('ends at error when a live session drops for a reason retrying cannot fix', async () => {
    const connector = new ScriptedConnector([{ url: 'https://a.test' }]);
    const tunnel = start(connector);
    await waitForStatus(tunnel, 'online');
    connector.drops[0]?.(fatal('stopped from the dashboard'));
    expect(await waitForStatus(tunnel, 'error')).toEqual({
      state: 'error',
      reason: 'stopped from the dashboard',
    });
    expect(tunnel.publicUrl).toBeNull();
    expect(tunnel.urlHistory[0]?.until).not.toBeNull();
  });

  it('reports SDK-managed reconnects (degraded/recovered) without a new session', async () => {
    const connector = new ScriptedConnector([{ url: 'https://a.test' }]);
    const tunnel = start(connector);
    await waitForStatus(tunnel, 'online');
    const statuses = recordStatuses(tunnel);
    connector.health?.degraded('cannot reach ngrok');
    connector.health?.degraded('cannot reach ngrok');
    connector.health?.recovered();
    connector.health?.recovered();
    expect(statuses).toEqual([
      { state: 'reconnecting', attempt: 1, reason: 'cannot reach ngrok', nextRetryMs: 0 },
      { state: 'reconnecting', attempt: 2, reason: 'cannot reach ngrok', nextRetryMs: 0 },
      { state: 'online', publicUrl: 'https://a.test' },
    ]);
  });

  it('reconnects at once when the machine wakes from sleep', async () => {
    const connector = new ScriptedConnector([{ url: 'https://a.test' }, { url: 'https://a.test' }]);
    // A watcher that ticks every 5 ms and calls any gap above 1 ms a sleep fires on the first tick.
    const tunnel = start(connector, {
      ...QUICK,
      wakeCheck: { intervalMs: 5, jumpThresholdMs: -5 },
    });
    await waitForStatus(tunnel, 'online');
    const woke = await waitForStatus(tunnel, 'reconnecting', { includeCurrent: false });
    expect(woke).toMatchObject({ attempt: 1, nextRetryMs: 0 });
    expect(woke.reason).toMatch(/^the computer woke from sleep/);
    expect(connector.closed).toBeGreaterThanOrEqual(1);
  });

  it('stop() ends in offline from any state and closes the session', async () => {
    const connector = new ScriptedConnector([{ url: 'https://a.test' }]);
    const tunnel = start(connector);
    await waitForStatus(tunnel, 'online');
    const statuses: TunnelStatus[] = recordStatuses(tunnel);
    await tunnel.stop();
    expect(statuses).toEqual([{ state: 'offline' }]);
    expect(connector.closed).toBe(1);
    expect(tunnel.urlHistory[0]?.until).not.toBeNull();

    const waiting = start(new ScriptedConnector([{ fail: retryable('down') }]), {
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    await waitForStatus(waiting, 'reconnecting');
    await waiting.stop();
    expect(waiting.status).toEqual({ state: 'offline' });

    // A connect attempt that never finishes does not hold stop() up.
    const hanging = start(new ScriptedConnector([]));
    expect(hanging.status).toEqual({ state: 'connecting' });
    await hanging.stop();
    expect(hanging.status).toEqual({ state: 'offline' });
  });

  it('unsubscribes listeners and survives a listener that throws', async () => {
    const connector = new ScriptedConnector([{ url: 'https://a.test' }]);
    const tunnel = start(connector);
    const seen: string[] = [];
    const off = tunnel.on('status', (status) => seen.push(status.state));
    off();
    tunnel.on('status', () => {
      throw new Error('bad subscriber');
    });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      await waitForStatus(tunnel, 'online');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(seen).toEqual([]);
    expect(warnings).toContain("a tunnel 'status' listener threw: bad subscriber");
  });
});
