import { createServer, type Server } from 'node:net';
import { handToTarget } from './hand-to-target';
import type { TunnelTarget } from './types';

export interface LoopbackBridge {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A listener on 127.0.0.1 that only the tunnel agent connects to. Everything arriving here came
 * through the tunnel, so its connections are handed to the receiver as tunnel connections; the
 * receiver's own port keeps meaning "local".
 */
export async function openLoopbackBridge(target: TunnelTarget): Promise<LoopbackBridge> {
  const server: Server = createServer((socket) => handToTarget(target, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('loopback bridge has no TCP port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open tunnel connections would hold close() forever; the tunnel is gone anyway.
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
