import type { EventName, EventPayload, PushedEvent } from '../../contract/api';

export type EngineEventListener = (event: PushedEvent) => void;

/**
 * Events the engine itself raises (tunnel status, URL changes, subscription steps), as opposed to
 * store changes. The shells' event batchers forward them with the next flush.
 */
export interface EngineEvents {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Returns the unsubscribe function. */
  on(listener: EngineEventListener): () => void;
}

export function createEngineEvents(
  onListenerError: (error: Error) => void = () => {},
): EngineEvents {
  const listeners = new Set<EngineEventListener>();
  return {
    emit(event, payload) {
      const pushed = { event, payload } as PushedEvent;
      for (const listener of [...listeners]) {
        try {
          listener(pushed);
        } catch (error) {
          // A closed window or socket must not stop the tunnel or a subscribe flow.
          onListenerError(error instanceof Error ? error : new Error(String(error)));
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
