import type { ReverifyProgress } from '../capture-rules/reverify';
import type { EngineEvents } from './engine-events';

/** Shortest gap between two `deliveries:reverify-progressed` pushes of one run. */
export const REVERIFY_PROGRESS_INTERVAL_MS = 100;

/**
 * The onProgress of one re-verification run, pushing `deliveries:reverify-progressed` so the UI can
 * show how far a big store has got. Throttled like bulk's progress (one push per batch would flood
 * the socket on a 100k-row store); the last batch (done = total) is always pushed, so the UI knows
 * the run ended. `endpoint` null: an ids or whole-store scope.
 */
export function reverifyProgressPusher(
  events: EngineEvents,
  endpoint: string | null,
): (progress: ReverifyProgress) => void {
  let lastPush = Number.NEGATIVE_INFINITY;
  return ({ done, total }) => {
    const now = performance.now();
    if (done < total && now - lastPush < REVERIFY_PROGRESS_INTERVAL_MS) return;
    lastPush = now;
    events.emit('deliveries:reverify-progressed', { endpoint, done, total });
  };
}
