export interface WakeCheck {
  intervalMs: number;
  jumpThresholdMs: number;
}

export const DEFAULT_WAKE_CHECK: WakeCheck = { intervalMs: 5_000, jumpThresholdMs: 20_000 };

/**
 * How far the wall clock moved beyond what a timer tick should take, or null when it did not
 * jump. Timers do not fire while the machine sleeps, so the first tick after waking sees the whole
 * sleep as elapsed time.
 */
export function detectClockJump(
  previousTickAt: number,
  now: number,
  check: WakeCheck,
): number | null {
  const overshoot = now - previousTickAt - check.intervalMs;
  return overshoot > check.jumpThresholdMs ? overshoot : null;
}

/**
 * Calls onWake when the machine seems to have slept (a large clock jump between ticks).
 * Returns the function that stops watching. The timer is unref'd: it never keeps Node alive.
 */
export function watchForWake(
  onWake: (sleptMs: number) => void,
  check: WakeCheck = DEFAULT_WAKE_CHECK,
  now: () => number = Date.now,
): () => void {
  let previousTickAt = now();
  const timer = setInterval(() => {
    const tickAt = now();
    const jump = detectClockJump(previousTickAt, tickAt, check);
    previousTickAt = tickAt;
    if (jump !== null) onWake(jump);
  }, check.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
