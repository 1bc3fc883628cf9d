// The real @ngrok/ngrok SDK (native binding). Without internet only the failure paths can run;
// the live test needs NGROK_AUTHTOKEN and outbound access to connect.ngrok-agent.com:443.
import { afterEach, describe, expect, it } from 'vitest';
import { startTunnel, type Tunnel, type TunnelConfig } from '../../../electron/engine/tunnel';
import {
  binaryBody,
  startStandInReceiver,
  type StandInReceiver,
} from '../../support/stand-in-receiver';
import { recordStatuses, waitForStatus } from '../../support/tunnel-status';

const liveToken = process.env.NGROK_AUTHTOKEN;
if (!liveToken) console.warn('[skip] live ngrok test: set NGROK_AUTHTOKEN to run it');

const BOGUS_TOKEN = '2bogusHookscopeTestToken_0000000000000000000000';
const QUICK = { backoff: { initialMs: 50, maxMs: 200 } };

describe('ngrok tunnel', () => {
  const tunnels: Tunnel[] = [];
  let receiver: StandInReceiver | null = null;
  const open = (config: Omit<Extract<TunnelConfig, { provider: 'ngrok' }>, 'provider'>): Tunnel => {
    const tunnel = startTunnel(
      { provider: 'ngrok', ...config },
      { host: '127.0.0.1', port: 9 },
      QUICK,
    );
    tunnels.push(tunnel);
    return tunnel;
  };

  afterEach(async () => {
    await Promise.all(tunnels.splice(0).map((tunnel) => tunnel.stop()));
    await receiver?.close();
    receiver = null;
  });

  it('without any authtoken: a plain error at once, no retrying', async () => {
    const saved = process.env.NGROK_AUTHTOKEN;
    delete process.env.NGROK_AUTHTOKEN;
    try {
      const tunnel = open({});
      const statuses = recordStatuses(tunnel);
      expect(await waitForStatus(tunnel, 'error')).toEqual({
        state: 'error',
        reason: 'ngrok needs an authtoken: set it in the tunnel settings or in NGROK_AUTHTOKEN',
      });
      expect(statuses).toHaveLength(1);
    } finally {
      if (saved !== undefined) process.env.NGROK_AUTHTOKEN = saved;
    }
  });

  it('rejects an unknown region code before connecting', async () => {
    const tunnel = open({ authtoken: BOGUS_TOKEN, region: 'Europe/Paris' });
    expect((await waitForStatus(tunnel, 'error')).reason).toBe(
      '"Europe/Paris" is not an ngrok region code (us, eu, ap, au, sa, jp, in, ...)',
    );
  });

  it('gives up on a hanging connect after connectTimeoutMs with a plain message, and keeps retrying', async () => {
    const tunnel = open({ authtoken: BOGUS_TOKEN, connectTimeoutMs: 1 });
    const reconnecting = await waitForStatus(tunnel, 'reconnecting');
    expect(reconnecting).toMatchObject({
      attempt: 1,
      reason:
        'ngrok did not connect within 0.001 s: check the internet connection, firewall or proxy',
    });
  });

  it('a bogus token ends in a clear reason: unreachable offline, rejected online; never echoes the token', async () => {
    const tunnel = open({ authtoken: BOGUS_TOKEN, connectTimeoutMs: 15_000 });
    const reason = await new Promise<string>((resolve) => {
      tunnel.on('status', (status) => {
        if (status.state === 'error' || status.state === 'reconnecting') resolve(status.reason);
      });
    });
    expect(reason).toMatch(
      /^(cannot reach ngrok \(connect\.ngrok-agent\.com:443\)|ngrok rejected the authtoken|ngrok did not connect within 15 s)/,
    );
    expect(reason).not.toContain(BOGUS_TOKEN);
    if (reason.startsWith('ngrok rejected')) expect(tunnel.status.state).toBe('error');
    else expect(tunnel.status.state).toBe('reconnecting');
  });

  it.skipIf(!liveToken)(
    'live: online with an https URL, a binary POST arrives byte-exact via the tunnel',
    async () => {
      receiver = await startStandInReceiver();
      const tunnel = startTunnel(
        { provider: 'ngrok', connectTimeoutMs: 30_000 },
        {
          host: receiver.host,
          port: receiver.port,
          acceptConnection: receiver.acceptTunnelConnection,
        },
      );
      tunnels.push(tunnel);
      const online = await waitForStatus(tunnel, 'online', { timeoutMs: 60_000 });
      expect(online.publicUrl).toMatch(/^https:\/\//);
      // Through the real internet the request leaves this machine; ngrok's HTTPS needs a client that
      // speaks TLS, so use fetch here rather than node:http.
      const body = binaryBody(10_000);
      const answer = await fetch(`${online.publicUrl}/live-check`, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: { 'content-type': 'application/octet-stream', 'ngrok-skip-browser-warning': '1' },
      });
      expect(answer.status).toBe(200);
      const captured = receiver.captured.find((c) => c.url === '/live-check');
      expect(captured?.via).toBe('tunnel');
      expect(captured?.body.equals(body)).toBe(true);
    },
  );
});
