import type { Listener, Session } from '@ngrok/ngrok';
import type { TunnelConnector, TunnelSession } from './connector';
import { openLoopbackBridge, type LoopbackBridge } from './loopback-bridge';
import { describeNgrokError, ngrokTimeoutError } from './ngrok-errors';
import { TunnelError } from './tunnel-error';
import type { NgrokTunnelConfig, TunnelTarget } from './types';
import { withTimeout } from './with-timeout';

const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const REGION = /^[a-z]{2}(-[a-z]+-\d+)?$/;

interface NgrokParts {
  session: Session;
  listener: Listener;
}

/**
 * ngrok through @ngrok/ngrok. The endpoint forwards to a dedicated loopback bridge (not to the
 * receiver's port) so the receiver can tell tunnelled deliveries from local ones.
 */
export function createNgrokConnector(
  config: NgrokTunnelConfig,
  target: TunnelTarget,
): TunnelConnector {
  return async (health) => {
    const authtoken = config.authtoken || process.env.NGROK_AUTHTOKEN;
    if (!authtoken) {
      throw new TunnelError(
        'ngrok needs an authtoken: set it in the tunnel settings or in NGROK_AUTHTOKEN',
        { retryable: false },
      );
    }
    if (config.region !== undefined && !REGION.test(config.region)) {
      throw new TunnelError(
        `"${config.region}" is not an ngrok region code (us, eu, ap, au, sa, jp, in, ...)`,
        {
          retryable: false,
        },
      );
    }
    const timeoutMs = config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const bridge = await openLoopbackBridge(target);
    let reportDrop: (error: TunnelError) => void = () => {};
    const dropped = new Promise<TunnelError>((resolve) => {
      reportDrop = resolve;
    });

    const connecting = (async (): Promise<NgrokParts> => {
      // Loaded on first use: the native binding has no business in processes without ngrok.
      const ngrok = await import('@ngrok/ngrok');
      const builder = new ngrok.SessionBuilder()
        .authtoken(authtoken)
        .clientInfo('hookscope', '0.1.0')
        // The SDK reconnects by itself; returning true keeps it doing so, we only report it.
        .handleDisconnection((_addr, error) => {
          health.degraded(describeNgrokError(error, config).message);
          return true;
        })
        .handleHeartbeat(() => health.recovered())
        .handleStopCommand(() =>
          reportDrop(
            new TunnelError('the ngrok agent was stopped from the ngrok dashboard or API', {
              retryable: false,
            }),
          ),
        );
      // The SDK ignores a `region` option; the agent's regional ingress does the same job.
      if (config.region) builder.serverAddr(`connect.${config.region}.ngrok-agent.com:443`);
      const session = await builder.connect();
      try {
        const endpoint = session.httpEndpoint();
        if (config.domain) endpoint.domain(config.domain);
        const listener = await endpoint.listenAndForward(`http://127.0.0.1:${bridge.port}`);
        return { session, listener };
      } catch (error) {
        await session.close().catch(() => {});
        throw error;
      }
    })();

    let parts: NgrokParts;
    try {
      parts = await withTimeout(
        connecting.catch((error: unknown) => {
          throw describeNgrokError(error, config);
        }),
        timeoutMs,
        () => ngrokTimeoutError(timeoutMs),
        (late) => void late.session.close().catch(() => {}),
      );
    } catch (error) {
      await bridge.close();
      throw error;
    }
    const session = ngrokSession(parts, bridge, dropped);
    if (session.publicUrl) return session;
    await session.close();
    throw new TunnelError('ngrok opened an endpoint without a public URL', { retryable: true });
  };
}

function ngrokSession(
  parts: NgrokParts,
  bridge: LoopbackBridge,
  dropped: Promise<TunnelError>,
): TunnelSession {
  return {
    publicUrl: parts.listener.url() ?? '',
    dropped,
    close: async () => {
      await parts.listener.close().catch(() => {});
      await parts.session.close().catch(() => {});
      await bridge.close();
    },
  };
}
