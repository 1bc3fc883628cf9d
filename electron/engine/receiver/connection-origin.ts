import type { Duplex } from 'node:stream';
import type { DeliveryVia } from '../../contract/delivery';

const TUNNEL_REMOTE = Symbol('hookscope.tunnelRemote');

interface OriginSocket {
  [TUNNEL_REMOTE]?: string;
  remoteAddress?: string;
}

/**
 * Remembers which connections came through a tunnel (and the far end the tunnel reported), so
 * each request on them is recorded with via: 'tunnel'. The mark is a property of the stream
 * (collected with it): reading it costs less per request than a WeakMap lookup.
 */
export class ConnectionOrigins {
  markTunnelled(stream: Duplex, remoteAddress: string): void {
    (stream as OriginSocket)[TUNNEL_REMOTE] = remoteAddress;
  }

  via(socket: Duplex): DeliveryVia {
    return (socket as OriginSocket)[TUNNEL_REMOTE] === undefined ? 'local' : 'tunnel';
  }

  remoteAddress(socket: Duplex): string {
    const origin = socket as OriginSocket;
    return origin[TUNNEL_REMOTE] ?? origin.remoteAddress ?? '';
  }
}
