import type { TunnelEvents } from './types';

type ListenerSets = { [E in keyof TunnelEvents]: Set<TunnelEvents[E]> };

/** Typed listener registry for Tunnel.on; `on` returns the unsubscribe function. */
export class TunnelEventHub {
  private readonly listeners: ListenerSets = { status: new Set(), 'url-changed': new Set() };

  on<E extends keyof TunnelEvents>(event: E, listener: TunnelEvents[E]): () => void {
    const set = this.listeners[event] as Set<TunnelEvents[E]>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<E extends keyof TunnelEvents>(event: E, ...args: Parameters<TunnelEvents[E]>): void {
    for (const listener of [...(this.listeners[event] as Set<TunnelEvents[E]>)]) {
      try {
        (listener as (...values: Parameters<TunnelEvents[E]>) => void)(...args);
      } catch (error) {
        // A faulty subscriber (a UI bridge) must not stop the tunnel from reconnecting, but the
        // fault must stay visible.
        const detail = error instanceof Error ? error.message : String(error);
        process.emitWarning(`a tunnel '${event}' listener threw: ${detail}`);
      }
    }
  }

  clear(): void {
    this.listeners.status.clear();
    this.listeners['url-changed'].clear();
  }
}
