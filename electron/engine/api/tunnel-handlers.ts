import type { Engine } from '../engine-types';
import type { Handlers } from './handlers';

type TunnelCalls = 'tunnel:start' | 'tunnel:stop' | 'tunnel:status' | 'tunnel:history';

/** tunnel:* calls: the engine's tunnel manager, which only ever exposes the receiver. */
export function createTunnelHandlers(engine: Engine): Pick<Handlers, TunnelCalls> {
  return {
    'tunnel:start': async (settings) => engine.tunnel.start(settings),
    'tunnel:stop': async () => engine.tunnel.stop(),
    'tunnel:status': async () => engine.tunnel.info(),
    'tunnel:history': async () => engine.tunnel.history(),
  };
}
