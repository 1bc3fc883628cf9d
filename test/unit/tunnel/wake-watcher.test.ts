import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectClockJump, watchForWake } from '../../../electron/engine/tunnel/wake-watcher';

const CHECK = { intervalMs: 5_000, jumpThresholdMs: 20_000 };

describe('detectClockJump', () => {
  it('ignores normal ticks and ordinary timer lateness', () => {
    expect(detectClockJump(0, 5_000, CHECK)).toBeNull();
    expect(detectClockJump(0, 24_000, CHECK)).toBeNull();
  });

  it('reports how much longer than a tick the gap was', () => {
    expect(detectClockJump(0, 65_000, CHECK)).toBe(60_000);
  });
});

describe('watchForWake', () => {
  afterEach(() => vi.useRealTimers());

  it('calls back once after the wall clock jumps (machine slept), not on regular ticks', () => {
    vi.useFakeTimers();
    const wakes: number[] = [];
    const stop = watchForWake((slept) => wakes.push(slept), CHECK);
    vi.advanceTimersByTime(30_000);
    expect(wakes).toEqual([]);
    // Sleep: the wall clock moves ten minutes while no timer runs.
    vi.setSystemTime(Date.now() + 600_000);
    vi.advanceTimersByTime(5_000);
    expect(wakes).toEqual([600_000]);
    vi.advanceTimersByTime(30_000);
    expect(wakes).toHaveLength(1);
    stop();
    vi.setSystemTime(Date.now() + 600_000);
    vi.advanceTimersByTime(5_000);
    expect(wakes).toHaveLength(1);
  });
});
