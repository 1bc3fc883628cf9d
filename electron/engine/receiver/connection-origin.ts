import type { Duplex } from 'node:stream';
import type { DeliveryVia } from '../../contract/delivery';

export interface ConnectionOrigin {
  via: DeliveryVia;
  remoteAddress: string;
}

/**
 * Remembers which connections came through a tunnel (and the far end the tunnel reported), so
 * each request on them is recorded with via: 'tunnel'. Weak, so closed streams are collected.
 */
export class ConnectionOrigins {
  private readonly tunnelled = new WeakMap<Duplex, string>();

  markTunnelled(stream: Duplex, remoteAddress: string): void {
    this.tunnelled.set(stream, remoteAddress);
  }

  of(socket: Duplex): ConnectionOrigin {
    const tunnelRemote = this.tunnelled.get(socket);
    if (tunnelRemote !== undefined) return { via: 'tunnel', remoteAddress: tunnelRemote };
    return {
      via: 'local',
      remoteAddress: (socket as { remoteAddress?: string }).remoteAddress ?? '',
    };
  }
}
