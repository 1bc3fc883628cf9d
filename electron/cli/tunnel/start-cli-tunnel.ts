import type { TunnelInfo, TunnelStatus } from '../../contract/tunnel';
import type { Engine } from '../../engine';
import type { TunnelRequest } from './tunnel-flags';

/** Extra wait past the connect timeout: key loading and DNS happen before the timer starts. */
const SETTLE_MARGIN_MS = 5_000;

const log = (line: string) => process.stderr.write(`hookscope: ${line}\n`);

/**
 * Starts the tunnel and waits for its first verdict (online, or the first failure and why), at most
 * the connect timeout: the ready line's publicUrl is then meaningful. A tunnel that is not online
 * keeps retrying in the background while the receiver serves locally.
 */
export async function startCliTunnel(engine: Engine, request: TunnelRequest): Promise<TunnelInfo> {
  await engine.tunnel.start(request.settings);
  let guard: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    guard = setTimeout(() => resolve(null), request.connectTimeoutMs + SETTLE_MARGIN_MS);
  });
  const settled = await Promise.race([engine.tunnel.settled(), timedOut]);
  clearTimeout(guard);
  const info = settled ?? engine.tunnel.info();
  if (info.publicUrl) log(`tunnel (${info.provider}) online: ${info.publicUrl}`);
  else log(`tunnel (${info.provider}) is not online: ${describe(info.status)}`);
  return info;
}

/** One stderr line per tunnel status change after the ready line, and a loud one per URL change. */
export function logTunnelChanges(engine: Engine): () => void {
  let last = '';
  return engine.events.on((pushed) => {
    if (pushed.event === 'tunnel:changed') {
      const line = `tunnel ${pushed.payload.status.state}: ${describe(pushed.payload.status)}`;
      if (line !== last) log(line);
      last = line;
    } else if (pushed.event === 'tunnel:url-changed') {
      const { previous, current, affectedSubscriptions, autoRepoint } = pushed.payload;
      log(
        `WARNING: the public URL changed from ${previous} to ${current}; providers still call the old one.`,
      );
      if (affectedSubscriptions > 0) {
        log(
          autoRepoint
            ? `re-pointing ${affectedSubscriptions} subscription(s) to ${current}`
            : `${affectedSubscriptions} subscription(s) still point at ${previous}: re-point them from the app`,
        );
      }
    } else if (pushed.event === 'subscriptions:repointed') {
      for (const result of pushed.payload.results)
        log(`re-point ${result.ok ? 'ok' : 'FAILED'}: ${result.message}`);
    }
  });
}

export function describe(status: TunnelStatus): string {
  switch (status.state) {
    case 'online':
      return status.publicUrl;
    case 'connecting':
      return 'still connecting';
    case 'reconnecting':
      return `${status.reason} (retrying in ${Math.round(status.nextRetryMs / 100) / 10} s)`;
    case 'error':
      return `${status.reason} (not retrying)`;
    case 'offline':
      return 'stopped';
  }
}
