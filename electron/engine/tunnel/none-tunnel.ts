import type { Tunnel, TunnelStatus } from './types';

const OFFLINE: TunnelStatus = { state: 'offline' };

/** provider 'none': the receiver stays local; the tunnel is permanently offline. */
export function createNoTunnel(): Tunnel {
  return {
    provider: 'none',
    status: OFFLINE,
    publicUrl: null,
    urlHistory: [],
    on: () => () => {},
    stop: async () => {},
  };
}
