import type { StoreChange } from './types';

type Listener = (change: StoreChange) => void;

/** Fans store changes out to listeners; a throwing listener never breaks the store or its peers. */
export class ChangeEmitter {
  private readonly listeners = new Set<Listener>();

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(change: StoreChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // The write already committed; a UI bridge bug must not turn it into a failed capture.
        console.error('Delivery store change listener failed:', error);
      }
    }
  }
}
