import { createNgrokConnector } from './ngrok-connector';
import { createNoTunnel } from './none-tunnel';
import { createSshConnector } from './ssh-connector';
import { SupervisedTunnel } from './supervised-tunnel';
import type { Tunnel, TunnelConfig, TunnelOptions, TunnelTarget } from './types';

export type * from './types';
export { parsePublicUrlFromBanner } from './banner-url';
export { describeNgrokError } from './ngrok-errors';
export { describeSshError } from './ssh-errors';
export { TunnelError } from './tunnel-error';

/**
 * Exposes the receiver at `target` through the configured provider. Returns at once; follow
 * progress with tunnel.on('status', ...). Only the receiver is ever tunnelled, never the control
 * port (ARCHITECTURE.md, security checklist).
 */
export function startTunnel(
  config: TunnelConfig,
  target: TunnelTarget,
  options?: TunnelOptions,
): Tunnel {
  switch (config.provider) {
    case 'none':
      return createNoTunnel();
    case 'ngrok':
      return new SupervisedTunnel('ngrok', createNgrokConnector(config, target), options);
    case 'ssh':
      return new SupervisedTunnel('ssh', createSshConnector(config, target), options);
  }
}
