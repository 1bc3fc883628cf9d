import { createHash } from 'node:crypto';
import { Client, type ClientChannel } from 'ssh2';
import { parsePublicUrlFromBanner } from './banner-url';
import type { TunnelConnector, TunnelSession } from './connector';
import { handToTarget } from './hand-to-target';
import { loadSshCredentials, type SshCredentials } from './ssh-auth';
import { describeSshError } from './ssh-errors';
import { hostForUrl, parseSshTarget, type SshTarget } from './ssh-target';
import { formatSeconds, TunnelError } from './tunnel-error';
import type { SshTunnelConfig, TunnelTarget } from './types';
import { withTimeout } from './with-timeout';

const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/** Three unanswered keepalives 10 s apart: a dead link is noticed within about 30 s. */
const KEEPALIVE_INTERVAL_MS = 10_000;
const KEEPALIVE_COUNT_MAX = 3;
/** A banner is a few lines; more than this without a URL means the service prints none. */
const MAX_BANNER_CHARS = 64 * 1024;

/** Reverse tunnel over SSH: the server listens on remotePort and forwards each connection to us. */
export function createSshConnector(config: SshTunnelConfig, target: TunnelTarget): TunnelConnector {
  return async () => {
    const server = parseSshTarget(config.target);
    const credentials = await loadSshCredentials(config);
    const timeoutMs = config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const opening = openSession(config, target, server, credentials, timeoutMs);
    return withTimeout(
      opening.session,
      timeoutMs,
      () => {
        opening.abort();
        return new TunnelError(
          `the SSH tunnel to ${config.target} did not come up within ${formatSeconds(timeoutMs)}`,
          { retryable: true },
        );
      },
      (late) => void late.close(),
    );
  };
}

function openSession(
  config: SshTunnelConfig,
  target: TunnelTarget,
  server: SshTarget,
  credentials: SshCredentials,
  timeoutMs: number,
): { session: Promise<TunnelSession>; abort: () => void } {
  const where = config.target;
  const client = new Client();
  let established = false;
  let closedByUs = false;
  let lastError: unknown = null;
  let reportDrop: (error: TunnelError) => void = () => {};
  const dropped = new Promise<TunnelError>((resolve) => {
    reportDrop = resolve;
  });
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));

  const close = async (): Promise<void> => {
    closedByUs = true;
    client.end();
    // A half-dead TCP connection may never deliver 'close'; do not let stop() hang on it.
    const forced = setTimeout(() => client.destroy(), 2_000);
    await closed;
    clearTimeout(forced);
  };

  client.on('tcp connection', (_details, accept) => {
    handToTarget(target, accept());
  });

  const session = new Promise<TunnelSession>((resolve, reject) => {
    const failSetup = (error: unknown): void => {
      reject(error instanceof TunnelError ? error : describeSshError(error, where));
      client.end();
    };
    client.on('error', (error) => {
      lastError = error;
      if (!established) failSetup(error);
    });
    client.on('close', () => {
      if (!established) {
        failSetup(lastError ?? new Error('Connection lost before handshake'));
      } else if (!closedByUs) {
        reportDrop(
          lastError
            ? describeSshError(lastError, where)
            : new TunnelError(`the SSH server ${where} closed the connection`, { retryable: true }),
        );
      }
    });
    client.on('ready', () => {
      const bindHost = config.remoteHost ?? defaultBindHost(server.host);
      client.forwardIn(bindHost, config.remotePort, (error, boundPort) => {
        if (error) {
          failSetup(error);
          return;
        }
        const port = config.remotePort === 0 ? boundPort : config.remotePort;
        const online = (publicUrl: string): void => {
          established = true;
          resolve({ publicUrl, dropped, close });
        };
        if (config.publicUrlFromBanner) {
          readBannerUrl(client, where).then(online, failSetup);
        } else {
          online(config.publicUrl ?? `http://${hostForUrl(server.host)}:${port}`);
        }
      });
    });
    try {
      client.connect({
        host: server.host,
        port: server.port,
        username: server.username,
        ...credentials,
        readyTimeout: timeoutMs,
        keepaliveInterval: KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        ...(config.hostKeyFingerprint
          ? { hostVerifier: (key: Buffer) => sshFingerprint(key) === config.hostKeyFingerprint }
          : {}),
      });
    } catch (error) {
      // ssh2 throws synchronously for unusable keys.
      failSetup(error);
    }
  });
  return { session, abort: () => client.destroy() };
}

/**
 * Where the server should listen. With an SSH server on a loopback address the public URL is that
 * very address (http://127.0.0.1:port), so the forward must be bound exactly there: asked for
 * "localhost", OpenSSH binds [::1] first (the kernel picks a port free for IPv6 only) and then
 * tries 127.0.0.1 on the same port, skipping it silently when something else already listens
 * there (channels.c, channel_setup_fwd_listener_tcpip). The URL then reached that other listener,
 * e.g. another sshd answering "SSH-2.0-...": the "Parse Error: Expected HTTP/" seen under load.
 * Elsewhere "localhost" stays: with GatewayPorts=yes the server ignores it, and banner services
 * read the bind address themselves.
 */
export function defaultBindHost(sshHost: string): string {
  return /^127\.\d+\.\d+\.\d+$/.test(sshHost) || sshHost === '::1' ? sshHost : 'localhost';
}

/** `SHA256:<base64 without padding>`, the form `ssh-keygen -lf` prints. */
export function sshFingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Opens a shell channel and resolves with the first URL the service prints on it. The channel
 * stays open afterwards: such services end the tunnel when their session ends.
 */
function readBannerUrl(client: Client, where: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    client.shell((error, channel: ClientChannel) => {
      if (error) {
        reject(describeSshError(error, where));
        return;
      }
      let text = '';
      let found = false;
      const onData = (chunk: Buffer): void => {
        if (found) return;
        text = (text + chunk.toString('utf8')).slice(-MAX_BANNER_CHARS);
        const url = parsePublicUrlFromBanner(text);
        if (url) {
          found = true;
          resolve(url);
        }
      };
      channel.on('data', onData);
      channel.stderr.on('data', onData);
      channel.on('close', () => {
        if (!found) {
          reject(
            new TunnelError(
              `the SSH server ${where} ended the session without printing a public URL`,
              {
                retryable: false,
              },
            ),
          );
        }
      });
    });
  });
}
