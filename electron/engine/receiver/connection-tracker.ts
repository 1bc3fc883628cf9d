import type { Duplex } from 'node:stream';

const ACTIVE = Symbol('hookscope.activeRequests');

interface CountedSocket {
  [ACTIVE]?: number;
}

/**
 * Every open connection (TCP and tunnel) and how many requests each is working on, so close()
 * can drop idle ones at once, including connections that never sent a byte (node's
 * closeIdleConnections() only knows those that completed a request).
 */
export class ConnectionTracker {
  private readonly open = new Set<Duplex>();

  add(socket: Duplex): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }

  begin(socket: Duplex): void {
    const counted = socket as CountedSocket;
    counted[ACTIVE] = (counted[ACTIVE] ?? 0) + 1;
  }

  end(socket: Duplex): void {
    (socket as CountedSocket)[ACTIVE]! -= 1;
  }

  destroyIdle(): void {
    for (const socket of this.open) if (!(socket as CountedSocket)[ACTIVE]) socket.destroy();
  }

  destroyAll(): void {
    for (const socket of this.open) socket.destroy();
  }
}
