import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTunnel, type Tunnel, type TunnelUrlChange } from '../../../electron/engine/tunnel';
import { freePort, startSshd, sshdAvailable, SSHD_PATH, type Sshd } from '../../support/sshd';
import {
  binaryBody,
  postBytes,
  startStandInReceiver,
  type StandInReceiver,
} from '../../support/stand-in-receiver';
import { recordStatuses, waitForStatus } from '../../support/tunnel-status';

const skipReason = `${SSHD_PATH} is missing: install Debian's openssh-server to run the SSH tunnel tests`;
if (!sshdAvailable) console.warn(`[skip] ${skipReason}`);

const FAST_RETRY = { backoff: { initialMs: 100, maxMs: 1_000 } };

describe.skipIf(!sshdAvailable)('SSH reverse tunnel against a real sshd', () => {
  let sshd: Sshd;
  let receiver: StandInReceiver;
  const tunnels: Tunnel[] = [];

  const open = (
    overrides: { remotePort?: number; hostKeyFingerprint?: string; keyFile?: string } = {},
  ): Tunnel => {
    const tunnel = startTunnel(
      {
        provider: 'ssh',
        target: sshd.target,
        keyFile: overrides.keyFile ?? sshd.userKeyFile,
        remotePort: overrides.remotePort ?? 0,
        hostKeyFingerprint: overrides.hostKeyFingerprint ?? sshd.hostKeyFingerprint,
        connectTimeoutMs: 10_000,
      },
      {
        host: receiver.host,
        port: receiver.port,
        acceptConnection: receiver.acceptTunnelConnection,
      },
      FAST_RETRY,
    );
    tunnels.push(tunnel);
    return tunnel;
  };

  beforeAll(async () => {
    sshd = await startSshd();
    receiver = await startStandInReceiver();
  });

  afterEach(async () => {
    await Promise.all(tunnels.splice(0).map((tunnel) => tunnel.stop()));
    receiver.captured.length = 0;
  });

  afterAll(async () => {
    await receiver?.close();
    await sshd?.stop();
  });

  it('goes online on a server-chosen port and delivers a binary POST byte-exact, marked as tunnelled', async () => {
    const tunnel = open();
    const online = await waitForStatus(tunnel, 'online');
    expect(online.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(online.publicUrl).not.toBe(`http://127.0.0.1:${receiver.port}`);
    expect(tunnel.publicUrl).toBe(online.publicUrl);

    const body = binaryBody();
    const answer = await postBytes(`${online.publicUrl}/hooks/github?x=1`, body);

    expect(answer).toEqual({ status: 200, text: `stored ${body.length} bytes` });
    expect(receiver.captured).toHaveLength(1);
    const [delivery] = receiver.captured;
    expect(delivery?.via).toBe('tunnel');
    expect(delivery?.url).toBe('/hooks/github?x=1');
    expect(delivery?.body.equals(body)).toBe(true);
  });

  // Regression for "Parse Error: Expected HTTP/" through `serve --tunnel ssh`: the forward was
  // bound as "localhost", which OpenSSH binds on [::1] first and on 127.0.0.1 only when that port is
  // free there, silently. The URL (127.0.0.1) then reached whatever else listened on it, here a
  // stand-in for another test's sshd. Bound exactly on 127.0.0.1 the forward cannot go online until
  // the port is really its own.
  it('never goes online on a port another listener holds on the URL address', async () => {
    const port = await freePort();
    const stranger = createServer((socket) => socket.end('SSH-2.0-stranger\r\n'));
    await new Promise<void>((resolve) => stranger.listen(port, '127.0.0.1', resolve));
    const tunnel = open({ remotePort: port });
    const statuses = recordStatuses(tunnel);
    try {
      const waiting = await waitForStatus(tunnel, 'reconnecting');
      expect(waiting.reason).toContain(sshd.target);
      expect(statuses.some((status) => status.state === 'online')).toBe(false);
    } finally {
      await new Promise<void>((resolve) => stranger.close(() => resolve()));
    }
    const online = await waitForStatus(tunnel, 'online');
    expect(online.publicUrl).toBe(`http://127.0.0.1:${port}`);

    // Many at once, each answer matched to its own request by its body size.
    const bodies = Array.from({ length: 12 }, (_, index) => binaryBody(1_000 + index * 997));
    const answers = await Promise.all(
      bodies.map((body, index) => postBytes(`${online.publicUrl}/hooks/many?n=${index}`, body)),
    );
    expect(answers).toEqual(
      bodies.map((body) => ({ status: 200, text: `stored ${body.length} bytes` })),
    );
    expect(receiver.captured.map((delivery) => delivery.url).sort()).toEqual(
      bodies.map((_, index) => `/hooks/many?n=${index}`).sort(),
    );
    for (const delivery of receiver.captured) {
      const index = Number(delivery.url.slice('/hooks/many?n='.length));
      expect(delivery.body.equals(bodies[index] ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('reconnects after the SSH session is killed, announces the new URL and captures again', async () => {
    const tunnel = open();
    const first = await waitForStatus(tunnel, 'online');
    const statuses = recordStatuses(tunnel);
    const changes: TunnelUrlChange[] = [];
    tunnel.on('url-changed', (change) => changes.push(change));

    expect(await sshd.killSessions()).toBeGreaterThan(0);
    const reconnecting = await waitForStatus(tunnel, 'reconnecting');
    expect(reconnecting.attempt).toBe(1);
    expect(reconnecting.reason).toContain(sshd.target);
    const second = await waitForStatus(tunnel, 'online');

    expect(statuses.map((status) => status.state)).toEqual(['reconnecting', 'online']);
    // The server chose the port, so it is a new one: the UI must be told loudly.
    expect(second.publicUrl).not.toBe(first.publicUrl);
    expect(changes).toEqual([{ previous: first.publicUrl, current: second.publicUrl }]);
    const history = tunnel.urlHistory;
    expect(history.map((record) => record.url)).toEqual([first.publicUrl, second.publicUrl]);
    expect(history[0]?.until).toBe(history[1]?.since);
    expect(history[1]?.until).toBeNull();

    const body = binaryBody(5_000);
    await postBytes(`${second.publicUrl}/after-reconnect`, body);
    expect(receiver.captured.map((c) => [c.url, c.via, c.body.equals(body)])).toEqual([
      ['/after-reconnect', 'tunnel', true],
    ]);
  });

  it('keeps the same URL across a reconnect on a fixed remote port (no url-changed)', async () => {
    const probe = open();
    const chosen = Number(new URL((await waitForStatus(probe, 'online')).publicUrl).port);
    await probe.stop();

    const tunnel = open({ remotePort: chosen });
    const first = await waitForStatus(tunnel, 'online');
    expect(first.publicUrl).toBe(`http://127.0.0.1:${chosen}`);
    const changes: TunnelUrlChange[] = [];
    tunnel.on('url-changed', (change) => changes.push(change));

    await sshd.killSessions();
    await waitForStatus(tunnel, 'reconnecting');
    const second = await waitForStatus(tunnel, 'online');

    expect(second.publicUrl).toBe(first.publicUrl);
    expect(changes).toEqual([]);
    expect(tunnel.urlHistory).toHaveLength(1);
    await postBytes(`${second.publicUrl}/same-url`, Buffer.from('{"ok":true}'));
    expect(receiver.captured.map((c) => c.url)).toEqual(['/same-url']);
  });

  it('pipes to host:port when the target has no acceptConnection', async () => {
    const tunnel = startTunnel(
      { provider: 'ssh', target: sshd.target, keyFile: sshd.userKeyFile, remotePort: 0 },
      { host: receiver.host, port: receiver.port },
      FAST_RETRY,
    );
    tunnels.push(tunnel);
    const online = await waitForStatus(tunnel, 'online');
    const body = binaryBody(2_000);
    await postBytes(`${online.publicUrl}/piped`, body);
    expect(receiver.captured.map((c) => [c.url, c.via, c.body.equals(body)])).toEqual([
      ['/piped', 'local', true],
    ]);
  });

  it('stops: status offline, the remote port closes, the URL history is closed', async () => {
    const tunnel = open();
    const online = await waitForStatus(tunnel, 'online');
    await tunnel.stop();
    expect(tunnel.status).toEqual({ state: 'offline' });
    expect(tunnel.publicUrl).toBeNull();
    expect(tunnel.urlHistory[0]?.until).not.toBeNull();
    await expect(postBytes(`${online.publicUrl}/late`, Buffer.from('x'))).rejects.toThrow(
      /ECONNREFUSED|socket hang up|ECONNRESET/,
    );
  });

  it('refuses a server whose host key does not match the configured fingerprint', async () => {
    const tunnel = open({
      hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    const error = await waitForStatus(tunnel, 'error');
    expect(error.reason).toBe(
      `the SSH server ${sshd.target} presented a host key that does not match the expected fingerprint`,
    );
  });

  it('reports a key the server does not accept as an error, without retrying', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookscope-stranger-'));
    try {
      const strangerKey = join(dir, 'stranger');
      await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', strangerKey]);
      const tunnel = open({ keyFile: strangerKey });
      const statuses = recordStatuses(tunnel);
      const error = await waitForStatus(tunnel, 'error');
      expect(error.reason).toBe(
        `the SSH server ${sshd.target} rejected the login: check the user, the key file or the agent`,
      );
      expect(statuses.map((status) => status.state)).toEqual(['error']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps retrying with growing backoff while nothing listens, with a readable reason', async () => {
    const closedPort = await freePort();
    const where = `${sshd.target.split('@')[0]}@127.0.0.1:${closedPort}`;
    const tunnel = startTunnel(
      { provider: 'ssh', target: where, keyFile: sshd.userKeyFile, remotePort: 0 },
      { host: receiver.host, port: receiver.port },
      FAST_RETRY,
    );
    tunnels.push(tunnel);
    const first = await waitForStatus(tunnel, 'reconnecting');
    const second = await waitForStatus(tunnel, 'reconnecting', { includeCurrent: false });
    expect(first).toMatchObject({
      attempt: 1,
      reason: `cannot reach the SSH server ${where}: connection refused`,
    });
    expect(second.attempt).toBe(2);
    // Equal jitter: attempt n waits between half and all of min(max, initial * 2^(n-1)).
    expect(first.nextRetryMs).toBeGreaterThanOrEqual(50);
    expect(first.nextRetryMs).toBeLessThanOrEqual(100);
    expect(second.nextRetryMs).toBeGreaterThanOrEqual(100);
    expect(second.nextRetryMs).toBeLessThanOrEqual(200);
    await tunnel.stop();
    expect(tunnel.status).toEqual({ state: 'offline' });
  });

  it('reports a missing key file plainly', async () => {
    const tunnel = open({ keyFile: '/nonexistent/hookscope/key' });
    const error = await waitForStatus(tunnel, 'error');
    expect(error.reason).toBe(
      'cannot read the SSH key file /nonexistent/hookscope/key: it does not exist',
    );
  });
});

describe.skipIf(!sshdAvailable)(
  'SSH tunnel services that print their public URL (serveo style)',
  () => {
    let sshd: Sshd;
    let receiver: StandInReceiver;

    beforeAll(async () => {
      // Every session prints a banner like localhost.run/serveo do, then stays open.
      sshd = await startSshd({
        extraConfig: [
          'ForceCommand printf "\\033[32mWelcome!\\033[0m\\r\\nForwarding HTTP traffic from https://abc123.tunnel.example.test\\r\\n"; exec sleep 600',
        ],
      });
      receiver = await startStandInReceiver();
    });

    afterAll(async () => {
      await receiver?.close();
      await sshd?.stop();
    });

    it('takes the public URL from the session banner and still forwards through the tunnel', async () => {
      const tunnel = startTunnel(
        {
          provider: 'ssh',
          target: sshd.target,
          keyFile: sshd.userKeyFile,
          remotePort: 0,
          publicUrlFromBanner: true,
        },
        {
          host: receiver.host,
          port: receiver.port,
          acceptConnection: receiver.acceptTunnelConnection,
        },
        FAST_RETRY,
      );
      try {
        const online = await waitForStatus(tunnel, 'online');
        expect(online.publicUrl).toBe('https://abc123.tunnel.example.test');
      } finally {
        await tunnel.stop();
      }
    });
  },
);
