import type { Tunnel, TunnelStatus } from '../../electron/engine/tunnel';

/** Resolves with the first status (current or future) that matches; rejects with the history. */
export function waitForStatus<S extends TunnelStatus['state']>(
  tunnel: Tunnel,
  state: S,
  options: { includeCurrent?: boolean; timeoutMs?: number } = {},
): Promise<Extract<TunnelStatus, { state: S }>> {
  const seen: TunnelStatus[] = [];
  return new Promise((resolve, reject) => {
    const current = tunnel.status;
    if ((options.includeCurrent ?? true) && current.state === state) {
      resolve(current as Extract<TunnelStatus, { state: S }>);
      return;
    }
    // Not a timed assertion: a guard so a wrong state machine fails with its history, not a hang.
    const timer = setTimeout(() => {
      off();
      reject(new Error(`tunnel never became ${state}; statuses: ${JSON.stringify(seen)}`));
    }, options.timeoutMs ?? 25_000);
    const off = tunnel.on('status', (status) => {
      seen.push(status);
      if (status.state === state) {
        clearTimeout(timer);
        off();
        resolve(status as Extract<TunnelStatus, { state: S }>);
      } else if (status.state === 'error' || status.state === 'offline') {
        // Final states: waiting longer cannot help, fail now with what happened.
        clearTimeout(timer);
        off();
        reject(
          new Error(`tunnel ended before becoming ${state}; statuses: ${JSON.stringify(seen)}`),
        );
      }
    });
  });
}

/** Records every status the tunnel emits from now on. */
export function recordStatuses(tunnel: Tunnel): TunnelStatus[] {
  const statuses: TunnelStatus[] = [];
  tunnel.on('status', (status) => statuses.push(status));
  return statuses;
}
