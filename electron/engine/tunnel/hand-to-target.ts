import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TunnelTarget } from './types';

/**
 * Delivers one tunnelled connection to the receiver: through acceptConnection when the receiver
 * offers it (so the delivery is recorded as arriving via the tunnel), else by piping to host:port.
 */
export function handToTarget(target: TunnelTarget, stream: Duplex): void {
  if (target.acceptConnection) {
    target.acceptConnection(stream);
    return;
  }
  const local = connect({ host: target.host, port: target.port });
  // A failure on either side must end both, or the other half stays open forever.
  const endBoth = (): void => {
    stream.destroy();
    local.destroy();
  };
  local.on('error', endBoth);
  stream.on('error', endBoth);
  stream.pipe(local).pipe(stream);
}
